using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// The one place that decides how an author is named to a reader of a digest. Pseudonymous (Chatham House)
/// threads change this function, and every section follows.
/// </summary>
public interface IAuthorDisplay
{
    string NameFor(ContentAuthor author, DigestRecipient reader);
}

public sealed class AuthorDisplay(IStringLocalizer<Text> text) : IAuthorDisplay
{
    // Until the threads feature numbers its participants ("Participant 3"), a Chatham House author is named
    // to nobody in email, moderators included: an email is easily forwarded.
    public string NameFor(ContentAuthor author, DigestRecipient reader) =>
        author.Pseudonymous ? text["A participant"] : author.DisplayName;
}
