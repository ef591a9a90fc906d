using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Site;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Admin;

public class SettingsModel(DialogueDbContext db, AdminAudit audit, StaffTwoFactor staffTwoFactor, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await LoadAsync(ct);
        Data = new Command { RegistrationMode = settings.RegistrationMode, RequireTwoFactorForStaff = settings.RequireTwoFactorForStaff };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var settings = await LoadAsync(ct);
        var actor = User.UserId()!;
        if (settings.RegistrationMode != Data.RegistrationMode)
        {
            audit.Record(actor, AuditActions.RegistrationModeChanged, null, $"{settings.RegistrationMode} → {Data.RegistrationMode}");
            settings.RegistrationMode = Data.RegistrationMode;
        }
        if (settings.RequireTwoFactorForStaff != Data.RequireTwoFactorForStaff)
        {
            audit.Record(actor, AuditActions.TwoFactorRequirementChanged, null, Data.RequireTwoFactorForStaff ? "required" : "not required");
            settings.RequireTwoFactorForStaff = Data.RequireTwoFactorForStaff;
        }
        await db.SaveChangesAsync(ct);
        staffTwoFactor.Forget();
        TempData["Status"] = text["Settings saved."].Value;
        return RedirectToPage();
    }

    private Task<SiteSettings> LoadAsync(CancellationToken ct) =>
        db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId, ct);

    public sealed class Command
    {
        [EnumDataType(typeof(RegistrationMode), ErrorMessage = "Choose a registration mode.")]
        public RegistrationMode RegistrationMode { get; set; }

        [Display(Name = "Require two-factor authentication for moderators and admins")]
        public bool RequireTwoFactorForStaff { get; set; }
    }
}
