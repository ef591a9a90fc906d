namespace Dialogue.Data.Accounts;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Moderator = "Moderator";
    public const string Organiser = "Organiser";
    public const string GlossaryEditor = "GlossaryEditor";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Moderator, Organiser, GlossaryEditor, Member];

    /// <summary>Roles that admins may require two-factor authentication for.</summary>
    public static readonly IReadOnlyList<string> Staff = [Admin, Moderator];
}
