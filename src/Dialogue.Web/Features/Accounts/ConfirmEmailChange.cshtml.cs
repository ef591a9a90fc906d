using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>The link sent to a new address; like ConfirmEmail, the change is made by the page's POST, not by the GET.</summary>
public class ConfirmEmailChangeModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool LinkIsBroken { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() =>
        LinkIsBroken = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Email) || LinkCodes.Decode(Code) is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var token = LinkCodes.Decode(Code);
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (user is null || token is null || string.IsNullOrEmpty(Email))
        {
            LinkIsBroken = true;
            return Page();
        }
        var changed = await users.ChangeEmailAsync(user, Email, token);
        if (changed.Succeeded)
        {
            // The address is also the user name members sign in with.
            changed = await users.SetUserNameAsync(user, Email);
        }
        if (!changed.Succeeded)
        {
            LinkIsBroken = changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            Errors = [.. changed.Errors.Select(e => e.Description).Distinct()];
            return Page();
        }
        TempData["Status"] = text["Your email address is now {0}.", Email].Value;
        if (users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
            return RedirectToPage("Profile");
        }
        return RedirectToPage("SignIn");
    }
}
