using System.Globalization;
using System.Text;

namespace Dialogue.Data.Glossary;

public static class TermText
{
    /// <summary>
    /// The form search and matching compare: NFKC after an invariant case fold, with runs of white space made one
    /// space. NFKC folds full-width Latin and compatibility forms that CJK input methods produce.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = text.Trim().Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)
            .Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var lastWasSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            builder.Append(c);
            lastWasSpace = false;
        }
        return builder.ToString();
    }
}
