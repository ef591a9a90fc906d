using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// When admins require two-factor authentication for staff, a staff member without it is sent to set it up from
/// every page but the few needed to do so (and to sign out).
/// </summary>
public sealed class StaffTwoFactorFilter(StaffTwoFactor staffTwoFactor) : IAsyncPageFilter
{
    public const string SetUpPage = "/Accounts/TwoFactor";

    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        SetUpPage,
        "/Accounts/EnableAuthenticator",
        "/Accounts/RecoveryCodes",
        "/Accounts/SignOut",
        "/Accounts/SignIn",
        "/Accounts/SignInTwoFactor",
        "/Accounts/SignInRecoveryCode",
        "/Accounts/Lockout",
        "/Accounts/AccessDenied",
        "/Error",
        "/Language",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Exempt.Contains(context.ActionDescriptor.ViewEnginePath)
            && await staffTwoFactor.MustSetUpAsync(context.HttpContext.User, context.HttpContext.RequestAborted))
        {
            context.Result = new RedirectToPageResult(SetUpPage);
            return;
        }
        await next();
    }
}
