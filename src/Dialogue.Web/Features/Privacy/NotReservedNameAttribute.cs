using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// A display name a member may not choose: the name shown for erased accounts, in every language the site speaks, so
/// nobody can pass off their words as a deleted member's (or a deleted member's as theirs).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotReservedNameAttribute : ValidationAttribute
{
    private static readonly string[] Reserved = [PersonalDataErasure.DeletedMemberName, "已删除的成员"];

    public NotReservedNameAttribute() => ErrorMessage = "This name is reserved for erased accounts: choose another.";

    public static bool IsReserved(string? name)
    {
        var normalized = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Reserved.Any(r => string.Equals(r, normalized, StringComparison.OrdinalIgnoreCase));
    }

    public override bool IsValid(object? value) => !IsReserved(value as string);
}
