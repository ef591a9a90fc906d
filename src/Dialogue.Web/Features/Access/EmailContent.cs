using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

/// <summary>What an email about labelled content may carry: DESIGN.md's "email" column.</summary>
public enum EmailContent
{
    /// <summary>CLEAR, GREEN: title and full text.</summary>
    Full,
    /// <summary>AMBER: title and a short excerpt.</summary>
    TitleAndExcerpt,
    /// <summary>AMBER+STRICT: "new activity in a restricted thread" and a link; no title, no text.</summary>
    RestrictedNotice,
    /// <summary>RED: a content-free "you have activity, sign in"; not even a link to the thread.</summary>
    ContentFree,
}

public static class EmailPolicy
{
    public const int ExcerptLength = 200;

    /// <remarks>An admin setting may later make this stricter for the whole site, never laxer.</remarks>
    public static EmailContent For(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear or SensitivityLabel.Green => EmailContent.Full,
        SensitivityLabel.Amber => EmailContent.TitleAndExcerpt,
        SensitivityLabel.AmberStrict => EmailContent.RestrictedNotice,
        _ => EmailContent.ContentFree,
    };

    public static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength].TrimEnd() + "…";
    }
}
