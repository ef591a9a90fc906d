using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// The one-time link printed at first start creates the first admin. Without a valid token the page does not exist
/// (404), so it tells a visitor nothing about the site's state.
/// </summary>
public class SetupModel(FirstAdmin firstAdmin, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await firstAdmin.IsTokenValidAsync(Token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await firstAdmin.IsTokenValidAsync(Token, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var errors = await firstAdmin.CreateWithTokenAsync(Token!, Data.Email.Trim(), Data.DisplayName.Trim(), Data.Password, ct);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        TempData["Status"] = text["The admin account is ready. Sign in with it."].Value;
        return RedirectToPage("SignIn");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your name as others should see it.")]
        [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
