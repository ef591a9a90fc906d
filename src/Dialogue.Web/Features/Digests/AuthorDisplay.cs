namespace Dialogue.Web.Features.Digests;

/// <summary>
/// The one place that decides how an author is named to a reader. Pseudonymous (Chatham House) threads
/// change this function, and every digest follows.
/// </summary>
public interface IAuthorDisplay
{
    string NameFor(ContentAuthor author, DigestRecipient reader);
}

public sealed class AuthorDisplay : IAuthorDisplay
{
    public string NameFor(ContentAuthor author, DigestRecipient reader) => author.Pseudonym ?? author.DisplayName;
}
