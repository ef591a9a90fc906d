using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

public class ProfileModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public string Email { get; private set; } = "";

    public DateTimeOffset MemberSince { get; private set; }

    public bool IsPending { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    /// <summary>The member had no zone of their own (UTC) and the form offers the one their browser reported instead.</summary>
    public bool ZoneSuggestedByBrowser { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Show(user);
        Data = new Command
        {
            DisplayName = user.DisplayName,
            Affiliation = user.Affiliation,
            Country = user.Country,
            PreferredLanguages = user.PreferredLanguages,
            TimeZone = user.TimeZoneId,
            UiCulture = user.UiCulture ?? "",
            Bio = user.Bio,
        };
        var browserZone = Request.Cookies[ViewerTime.ZoneCookie];
        if (user.TimeZoneId == "UTC" && browserZone != "UTC" && TimeZones.TryFind(browserZone) is not null)
        {
            Data.TimeZone = browserZone!;
            ZoneSuggestedByBrowser = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Show(user);
        var zone = Data.TimeZone?.Trim() ?? "";
        if (TimeZones.TryFind(zone) is null)
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.TimeZone)}",
                text["{0} is not a time zone this server knows, e.g. Europe/Berlin", zone]);
        }
        if (!string.IsNullOrEmpty(Data.UiCulture) && !SupportedCultures.IsSupported(Data.UiCulture))
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.UiCulture)}", text["Choose a language from the list."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.DisplayName = Data.DisplayName.Trim();
        user.Affiliation = Blank(Data.Affiliation);
        user.Country = Blank(Data.Country);
        user.PreferredLanguages = Blank(Data.PreferredLanguages);
        user.TimeZoneId = zone;
        user.UiCulture = string.IsNullOrEmpty(Data.UiCulture) ? null : SupportedCultures.For(Data.UiCulture).Name;
        user.Bio = Blank(Data.Bio);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        // The cookie carries the name, zone and language; refresh it so the next page already uses them.
        await signIn.RefreshSignInAsync(user);
        if (user.UiCulture is not null)
        {
            // Confirm in the language just chosen: the next page is shown in it.
            CultureInfo.CurrentUICulture = SupportedCultures.For(user.UiCulture);
        }
        TempData["Status"] = text["Your profile has been saved."].Value;
        return RedirectToPage();
    }

    private void Show(DialogueUser user)
    {
        Email = user.Email ?? "";
        MemberSince = user.CreatedAt;
        IsPending = user.Status == AccountStatus.PendingApproval;
        TwoFactorEnabled = user.TwoFactorEnabled;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your name as others should see it.")]
        [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Display name")]
        [Privacy.NotReservedName]
        public string DisplayName { get; set; } = "";

        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Affiliation")]
        public string? Affiliation { get; set; }

        [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Country")]
        public string? Country { get; set; }

        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [RegularExpression(@"^[A-Za-z0-9\-, ]*$", ErrorMessage = "List languages as codes separated by commas, e.g. en, zh-Hans")]
        [Display(Name = "Languages you read and write")]
        public string? PreferredLanguages { get; set; }

        [Required(ErrorMessage = "Choose your time zone.")]
        [Display(Name = "Time zone")]
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Empty (bound as null) for "automatic": nullable, so that MVC does not make it required.</summary>
        [Display(Name = "Language of the site")]
        public string? UiCulture { get; set; }

        [StringLength(2000, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Short bio")]
        public string? Bio { get; set; }
    }
}
