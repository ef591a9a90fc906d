using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>The only pages a signed-out visitor may open; everything else requires sign-in by the fallback policy.</summary>
public static class AnonymousPages
{
    public static readonly IReadOnlyList<string> Paths =
    [
        "/Index",
        "/Error",
        "/Language",
        "/Accounts/Register",
        "/Accounts/RegisterConfirmation",
        "/Accounts/ConfirmEmail",
        "/Accounts/ConfirmEmailChange",
        "/Accounts/SignIn",
        "/Accounts/SignInTwoFactor",
        "/Accounts/SignInRecoveryCode",
        "/Accounts/Lockout",
        "/Accounts/ForgotPassword",
        "/Accounts/ResetPassword",
        "/Accounts/AccessDenied",
        "/Accounts/Setup",
        // Spaces and threads: what a signed-out visitor sees there is decided by the access policy (CLEAR only).
        "/Spaces/Index",
        "/Spaces/Details",
        "/Threads/Details",
        "/Threads/Post",
        "/Threads/History",
        // Workshops: a signed-out visitor sees the CLEAR ones (the access policy decides).
        "/Workshops/Index",
        "/Workshops/Details",
        "/Workshops/Series/Details",
        "/Workshops/Series/Calendar",
        // A workshop's .ics follows its page's rule; a feed is fetched by a calendar service, its secret token standing for the member.
        "/Calendars/Workshop",
        "/Calendars/Feed",
        // Search results pass through the access policy: a signed-out visitor finds CLEAR posts only.
        "/Search/Index",
        // Glossaries: CLEAR ones are public; every page loads its glossary through GlossaryAccess (unreadable: 404).
        "/Glossary/Index",
        "/Glossary/Details",
        "/Glossary/Concept",
        "/Glossary/History",
        "/Glossary/Diff",
        // A profile answers a signed-out visitor 404 like an unknown id (the handler asks for an approved viewer), not a sign-in redirect.
        "/Members/Profile",
        // A public (CLEAR) glossary is exported by anyone; the page answers 404 for a glossary the viewer may not export.
        "/Glossary/Tbx/Export",
        "/Digests/Subscribe",
        "/Digests/Confirm",
        "/Digests/Unsubscribe",
        // A public digest subscriber's own data, reached through the signed link of a digest they received.
        "/Privacy/PersonalDataSubscriber",
    ];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var path in Paths)
        {
            conventions.AllowAnonymousToPage(path);
        }
        conventions.AuthorizeFolder("/Admin", Policies.Admin);
        // Moderators of a space are staff there without holding a staff role; a staff member opening these pages is held to the two-factor rule.
        conventions.AuthorizeFolder("/Moderation", Policies.StaffSurface);
        conventions.AuthorizePage("/Spaces/Members", Policies.StaffSurface);
        conventions.AuthorizeFolder("/Invitations", Policies.Inviters);
    }
}
