using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Admin;

public sealed class MemberActionsTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static Dictionary<string, string> NoFields => [];

    [Fact]
    public async Task Approving_a_pending_account_activates_it_and_emails_the_member_in_their_language()
    {
        var member = await factory.CreatePendingMemberAsync(uiCulture: "zh-Hans");
        var admin = await factory.AdminAsync();
        var client = await factory.AdminBrowserAsync();
        var list = $"/Admin/Members?status=PendingApproval&q={member.Email}";

        var response = await client.SubmitAsync(list, NoFields, $"tr[data-member-id='{member.Id}'] form.approve-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(list, response.RequestMessage!.RequestUri!.PathAndQuery.Replace("%40", "@", StringComparison.Ordinal));
        var page = await response.ReadPageAsync();
        Assert.Contains("approved", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.ReloadAsync(member.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(factory.Clock.GetUtcNow(), stored.ApprovedAt);

        var mail = Assert.Single(await factory.OutboxToAsync(member.Email!));
        Assert.Equal("account-approved", mail.Kind);
        Assert.Equal("您的 Dialogue 账户已获批准", mail.Subject);
        Assert.Contains("管理员已批准您的 Dialogue 账户", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/Accounts/SignIn", Links.In(mail.HtmlBody));
        Assert.True(await factory.SendOutboxAsync() >= 1);
        Assert.NotNull((await factory.OutboxToAsync(member.Email!)).Single().SentAt);

        var entry = Assert.Single(await factory.AuditAboutAsync(member.Id));
        Assert.Equal((AuditActions.MemberApproved, admin.Id), (entry.Action, entry.ActorId));
    }

    [Fact]
    public async Task Approval_email_is_in_English_for_a_member_without_a_language()
    {
        var member = await factory.CreatePendingMemberAsync();
        var client = await factory.AdminBrowserAsync();

        await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#approve-form");

        Assert.Equal("Your Dialogue account is approved", Assert.Single(await factory.OutboxToAsync(member.Email!)).Subject);
    }

    [Fact]
    public async Task An_active_account_cannot_be_approved_twice()
    {
        var member = await factory.CreatePendingMemberAsync();
        var client = await factory.AdminBrowserAsync();
        var page = await client.GetPageAsync($"/Admin/Member?id={member.Id}");
        await client.SubmitAsync(page, $"/Admin/Member?id={member.Id}", NoFields, "#approve-form");

        // The same form again, from the page as it was before the first approval.
        var again = await client.SubmitAsync(page, $"/Admin/Member?id={member.Id}", NoFields, "#approve-form");

        Assert.Contains("This account is not waiting for approval.", (await again.ReadPageAsync()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await factory.OutboxToAsync(member.Email!));
        Assert.Single(await factory.AuditAboutAsync(member.Id));
    }

    [Fact]
    public async Task Suspending_a_member_ends_their_session_at_the_next_security_stamp_check()
    {
        var suspended = await factory.CreateMemberAsync(null, Roles.Organiser);
        var bystander = await factory.CreateMemberAsync(null, Roles.Organiser);
        var suspendedBrowser = await factory.CreateSignedInBrowserAsync(suspended, followRedirects: false);
        var bystanderBrowser = await factory.CreateSignedInBrowserAsync(bystander, followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await suspendedBrowser.GetAsync("/Invitations")).StatusCode);
        var admin = await factory.AdminBrowserAsync();

        var response = await admin.SubmitAsync($"/Admin/Member?id={suspended.Id}", new Dictionary<string, string>
        {
            ["Suspension.Reason"] = "Posted a participant's name from a Chatham House thread",
            ["Suspension.Until"] = "2026-12-24",
        }, "#suspend-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.ReloadAsync(suspended.Id);
        Assert.Equal(AccountStatus.Suspended, stored.Status);
        Assert.Equal("Posted a participant's name from a Chatham House thread", stored.SuspensionReason);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero), stored.SuspendedUntil); // the admin's zone is UTC
        Assert.NotEqual(suspended.SecurityStamp, stored.SecurityStamp);

        // Identity re-checks a cookie's security stamp once the validation interval (one minute) has passed.
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var afterwards = await suspendedBrowser.GetAsync("/Invitations");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/Accounts/SignIn", afterwards.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // The same check keeps an untouched member's cookie working, so it is the suspension that ended the session.
        Assert.Equal(HttpStatusCode.OK, (await bystanderBrowser.GetAsync("/Invitations")).StatusCode);

        var entry = Assert.Single(await factory.AuditAboutAsync(suspended.Id));
        Assert.Equal(AuditActions.MemberSuspended, entry.Action);
        Assert.Equal("Posted a participant's name from a Chatham House thread", entry.Details);
    }

    [Fact]
    public async Task Suspension_end_date_is_read_in_the_admins_time_zone()
    {
        var admin = await factory.CreateMemberAsync(null, Roles.Admin);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, "Asia/Shanghai")));
        var member = await factory.CreateMemberAsync();
        var client = await factory.CreateSignedInBrowserAsync(admin);

        await client.SubmitAsync($"/Admin/Member?id={member.Id}", new Dictionary<string, string>
        {
            ["Suspension.Reason"] = "Cooling off",
            ["Suspension.Until"] = "2026-12-24",
        }, "#suspend-form");

        Assert.Equal(new DateTimeOffset(2026, 12, 23, 16, 0, 0, TimeSpan.Zero), (await factory.ReloadAsync(member.Id)).SuspendedUntil);
    }

    [Fact]
    public async Task Suspension_needs_a_reason_and_an_end_in_the_future()
    {
        var member = await factory.CreateMemberAsync();
        var client = await factory.AdminBrowserAsync();
        var url = $"/Admin/Member?id={member.Id}";

        var noReason = await (await client.SubmitAsync(url, new Dictionary<string, string> { ["Suspension.Reason"] = " " }, "#suspend-form")).ReadPageAsync();
        Assert.Contains("Give a reason for the suspension.", noReason.QuerySelector("#suspend-form")!.TextContent, StringComparison.Ordinal);

        var past = await (await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Suspension.Reason"] = "Spam",
            ["Suspension.Until"] = "2026-11-01",
        }, "#suspend-form")).ReadPageAsync();
        Assert.Contains("The end of a suspension must be in the future.", past.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);

        var stored = await factory.ReloadAsync(member.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(member.SecurityStamp, stored.SecurityStamp);
        Assert.Empty(await factory.AuditAboutAsync(member.Id));
    }

    [Fact]
    public async Task Reinstating_makes_a_suspended_account_active_again()
    {
        var member = await factory.CreateMemberAsync();
        var client = await factory.AdminBrowserAsync();
        await client.SubmitAsync($"/Admin/Member?id={member.Id}", new Dictionary<string, string> { ["Suspension.Reason"] = "Spam" }, "#suspend-form");
        Assert.Null((await factory.ReloadAsync(member.Id)).SuspendedUntil);

        var response = await client.SubmitAsync($"/Admin/Members?q={member.Email}&status=Suspended", NoFields, $"tr[data-member-id='{member.Id}'] form.reinstate-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.ReloadAsync(member.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Null(stored.SuspensionReason);
        Assert.Equal([AuditActions.MemberSuspended, AuditActions.MemberReinstated], (await factory.AuditAboutAsync(member.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Admin_cannot_suspend_themselves()
    {
        var admin = await factory.CreateMemberAsync(null, Roles.Admin);
        var client = await factory.CreateSignedInBrowserAsync(admin);
        var ownPage = await client.GetPageAsync($"/Admin/Member?id={admin.Id}");
        Assert.Null(ownPage.QuerySelector("#suspend-form"));
        Assert.Contains("You cannot suspend your own account.", ownPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var response = await client.PostWithTokenFromAsync($"/Admin/Member?id={admin.Id}", $"/Admin/Member?id={admin.Id}&handler=Suspend",
            new Dictionary<string, string> { ["Suspension.Reason"] = "Testing" });

        var page = await response.ReadPageAsync();
        Assert.Contains("You cannot suspend your own account.", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.ReloadAsync(admin.Id);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.Equal(admin.SecurityStamp, stored.SecurityStamp);
    }

    [Fact]
    public async Task Admin_cannot_remove_their_own_Admin_role()
    {
        var admin = await factory.CreateMemberAsync(null, Roles.Admin);
        var client = await factory.CreateSignedInBrowserAsync(admin);
        var ownPage = await client.GetPageAsync($"/Admin/Member?id={admin.Id}");
        Assert.Null(ownPage.QuerySelector("#remove-role-Admin"));

        var response = await client.PostWithTokenFromAsync($"/Admin/Member?id={admin.Id}", $"/Admin/Member?id={admin.Id}&handler=RemoveRole",
            new Dictionary<string, string> { ["role"] = Roles.Admin });

        var page = await response.ReadPageAsync();
        Assert.Contains("You cannot remove your own Admin role. Ask another admin to do it.", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Roles.Admin, await factory.RolesOfAsync(admin.Id));
        Assert.Empty(await factory.AuditAboutAsync(admin.Id));
    }

    [Fact]
    public async Task Another_admin_can_remove_an_admins_role()
    {
        var other = await factory.CreateMemberAsync(null, Roles.Admin);
        var client = await factory.AdminBrowserAsync();

        await client.SubmitAsync($"/Admin/Member?id={other.Id}", NoFields, "#remove-role-Admin");

        Assert.DoesNotContain(Roles.Admin, await factory.RolesOfAsync(other.Id));
    }

    [Fact]
    public async Task Roles_are_given_and_taken_and_take_effect_at_the_next_check()
    {
        var member = await factory.CreateMemberAsync();
        var memberBrowser = await factory.CreateSignedInBrowserAsync(member, followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, (await memberBrowser.GetAsync("/Invitations")).StatusCode);
        var admin = await factory.AdminAsync();
        var client = await factory.AdminBrowserAsync();

        var given = await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#add-role-Organiser");
        Assert.NotNull((await given.ReadPageAsync()).QuerySelector("#remove-role-Organiser"));
        await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#add-role-GlossaryEditor");
        Assert.Equal([Roles.GlossaryEditor, Roles.Member, Roles.Organiser], (await factory.RolesOfAsync(member.Id)).Order());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await memberBrowser.GetAsync("/Invitations")).StatusCode);

        await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#remove-role-Organiser");
        Assert.Equal([Roles.GlossaryEditor, Roles.Member], (await factory.RolesOfAsync(member.Id)).Order());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var denied = await memberBrowser.GetAsync("/Invitations");
        Assert.StartsWith("/Accounts/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var audit = await factory.AuditAboutAsync(member.Id);
        Assert.Equal(
            [(AuditActions.RoleAdded, Roles.Organiser), (AuditActions.RoleAdded, Roles.GlossaryEditor), (AuditActions.RoleRemoved, Roles.Organiser)],
            audit.Select(e => (e.Action, e.Details!)));
        Assert.All(audit, e => Assert.Equal(admin.Id, e.ActorId));
    }

    [Theory]
    [InlineData("AddRole", "Member")]
    [InlineData("RemoveRole", "Member")]
    [InlineData("AddRole", "Superuser")]
    public async Task Member_role_and_unknown_roles_cannot_be_changed(string handler, string role)
    {
        var member = await factory.CreateMemberAsync();
        var client = await factory.AdminBrowserAsync();

        var response = await client.PostWithTokenFromAsync($"/Admin/Member?id={member.Id}", $"/Admin/Member?id={member.Id}&handler={handler}",
            new Dictionary<string, string> { ["role"] = role });

        Assert.NotNull((await response.ReadPageAsync()).QuerySelector(".errors li"));
        Assert.Equal([Roles.Member], await factory.RolesOfAsync(member.Id));
    }

    [Fact]
    public async Task Unknown_member_is_404()
    {
        var client = await factory.AdminBrowserAsync(followRedirects: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Admin/Member?id=no-such-member")).StatusCode);
    }

    [Fact]
    public async Task Audit_page_lists_what_admins_did_newest_first()
    {
        var member = await factory.CreatePendingMemberAsync();
        var client = await factory.AdminBrowserAsync();
        await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#approve-form");
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await client.SubmitAsync($"/Admin/Member?id={member.Id}", NoFields, "#add-role-Moderator");

        var page = await client.GetPageAsync($"/Admin/Audit?user={member.Id}");

        var rows = page.QuerySelectorAll("#audit tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Admin", "Added a role", Roles.Moderator], new[] { rows[0][1], rows[0][2], rows[0][4] });
        Assert.Equal("Approved the account", rows[1][2]);
        Assert.Contains(member.DisplayName, rows[1][3], StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#audit tbody tr td time[datetime]"));
    }
}
