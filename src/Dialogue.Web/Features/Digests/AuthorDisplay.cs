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
    // A Chatham House author is their pseudonym in the thread ("Participant 3") to every reader, moderators included:
    // an email is easily forwarded, and a moderator's reveal is a page action that is audited.
    public string NameFor(ContentAuthor author, DigestRecipient reader) =>
        !author.Pseudonymous ? author.DisplayName
        : author.Pseudonym is { } number ? text["Participant {0}", number]
        : text["A participant"];
}
