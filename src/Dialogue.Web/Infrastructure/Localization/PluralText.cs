using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Infrastructure.Localization;

/// <summary>
/// English needs "1 post" and "2 posts"; Chinese has one form, so both keys translate to the same text.
/// Two keys rather than an ICU message keep the resource files plain name/value pairs.
/// </summary>
public static class PluralText
{
    public static LocalizedString Plural(this IStringLocalizer text, int count, string one, string other) =>
        count == 1 ? text[one, count] : text[other, count];
}
