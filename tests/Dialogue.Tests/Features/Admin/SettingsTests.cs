using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Admin;

public sealed class SettingsTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
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

        var page = await response.ReadPageAsync();
        Assert.Equal("Settings saved.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#mode-InvitationOnly")!.HasAttribute("checked").ToString().ToLowerInvariant());
        Assert.True(page.QuerySelector("input[type=checkbox][name='Data.RequireTwoFactorForStaff']")!.HasAttribute("checked"));
        var stored = await StoredAsync();
        Assert.Equal(RegistrationMode.InvitationOnly, stored.RegistrationMode);
        Assert.True(stored.RequireTwoFactorForStaff);

        var entries = await factory.WithDbAsync(db => db.AdminAuditEntries.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditActions.RegistrationModeChanged, AuditActions.TwoFactorRequirementChanged], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((admin.Id, (string?)null), (e.ActorId, e.TargetUserId)));
        Assert.Equal("Open → InvitationOnly", entries[0].Details);

        // Saving without a change records nothing.
        await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string>(), "#settings-form");
        Assert.Equal(entries.Count, await factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync(e => e.Id > before)));

        await client.SubmitAsync("/Admin/Settings", new Dictionary<string, string>
        {
            ["Data.RegistrationMode"] = nameof(RegistrationMode.ApprovalRequired),
            ["Data.RequireTwoFactorForStaff"] = "false",
        }, "#settings-form");
        stored = await StoredAsync();
        Assert.Equal(RegistrationMode.ApprovalRequired, stored.RegistrationMode);
        Assert.False(stored.RequireTwoFactorForStaff);
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
