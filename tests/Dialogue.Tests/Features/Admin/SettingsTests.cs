using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Admin;

// Site settings are global to an app, so each test here gets an app of its own.
public sealed class SettingsTests : IDisposable
{
    private readonly DialogueFactory factory = new();

    public void Dispose() => factory.Dispose();

    private Task<SiteSettings> StoredAsync() => factory.WithDbAsync(db => db.SiteSettings.AsNoTracking().SingleAsync(s => s.Id == SiteSettings.SingletonId));

    [Fact]
    public async Task Registration_mode_and_two_factor_requirement_are_saved_and_audited()
    {
        var admin = await factory.AdminAsync();
        var client = await factory.AdminBrowserAsync();
        var before = await factory.WithDbAsync(db => db.AdminAuditEntries.Select(e => e.Id).DefaultIfEmpty().MaxAsync());

        var response = await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string>
        {
            ["Data.RegistrationMode"] = nameof(RegistrationMode.InvitationOnly),
            ["Data.RequireTwoFactorForStaff"] = "true",
        }, "#settings-form");

        // The requirement applies at once: this admin has no second factor yet, so is sent to set one up.
        Assert.Equal("/Accounts/TwoFactor", response.RequestMessage!.RequestUri!.AbsolutePath);
        var stored = await StoredAsync();
        Assert.Equal(RegistrationMode.InvitationOnly, stored.RegistrationMode);
        Assert.True(stored.RequireTwoFactorForStaff);

        var entries = await factory.WithDbAsync(db => db.AdminAuditEntries.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditActions.RegistrationModeChanged, AuditActions.TwoFactorRequirementChanged], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((admin.Id, (string?)null), (e.ActorId, e.TargetUserId)));
        Assert.Equal("Open → InvitationOnly", entries[0].Details);

        // Once the requirement is on, staff without a second factor are kept on the set-up page.
        Assert.Equal("/Accounts/TwoFactor", (await client.GetAsync("/Admin/Settings")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Saving_without_a_change_records_nothing()
    {
        var client = await factory.AdminBrowserAsync();
        await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string> { ["Data.RegistrationMode"] = nameof(RegistrationMode.ApprovalRequired) }, "#settings-form");
        var before = await factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync());

        var response = await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string>(), "#settings-form");

        Assert.Equal("Settings saved.", (await response.ReadPageAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync()));
        Assert.Equal(RegistrationMode.ApprovalRequired, (await StoredAsync()).RegistrationMode);
    }

    [Fact]
    public async Task An_unknown_registration_mode_is_refused()
    {
        var client = await factory.AdminBrowserAsync();
        var modeBefore = (await StoredAsync()).RegistrationMode;

        var response = await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string> { ["Data.RegistrationMode"] = "7" }, "#settings-form");

        Assert.Null((await response.ReadPageAsync()).QuerySelector(".notice"));
        Assert.Equal(modeBefore, (await StoredAsync()).RegistrationMode);
    }
}
