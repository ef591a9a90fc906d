using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

public sealed class ApprovalModeTests(ApprovalModeTests.Site factory) : IClassFixture<ApprovalModeTests.Site>
{
    public sealed class Site : SiteSettingsFactory
    {
        protected override void Change(SiteSettings settings) => settings.RegistrationMode = RegistrationMode.ApprovalRequired;
    }

    [Fact]
    public async Task Pending_member_confirms_signs_in_and_is_told_an_admin_must_approve()
    {
        var email = AccountFlows.NewEmail("pending");
        var client = factory.CreateBrowser();

        var form = await client.GetPageAsync("/Accounts/Register");
        Assert.Contains("An admin reviews every new account", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var registered = await client.RegisterAsync(email);
        Assert.Contains("An admin reviews every new account", await registered.TextAsync(), StringComparison.Ordinal);

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(AccountStatus.PendingApproval, user.Status);
        Assert.Null(user.ApprovedAt);

        var confirmed = await client.FollowEmailLinkAsync(factory, email, "/Accounts/ConfirmEmail");
        Assert.Contains("awaiting approval by an admin", await confirmed.TextAsync(), StringComparison.Ordinal);

        var signedIn = await client.SignInAsync(email);
        Assert.Equal("/Accounts/Pending", signedIn.Landing());
        Assert.Contains("Your account is awaiting approval by an admin.", await signedIn.TextAsync(), StringComparison.Ordinal);
        Assert.True(await client.IsSignedInAsync());
        var profile = await client.GetPageAsync("/Accounts/Profile");
        Assert.Contains("awaiting approval by an admin", profile.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approved_member_no_longer_sees_the_notice()
    {
        var email = AccountFlows.NewEmail("approved");
        var client = factory.CreateBrowser();
        await client.RegisterAsync(email);
        await client.FollowEmailLinkAsync(factory, email, "/Accounts/ConfirmEmail");
        await client.SignInAsync(email);

        // What the admin page does when approving.
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Status, AccountStatus.Active)
            .SetProperty(u => u.ApprovedAt, factory.Clock.GetUtcNow())));

        var profile = await client.GetPageAsync("/Accounts/Profile");
        Assert.DoesNotContain("awaiting approval", profile.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invited_member_skips_approval()
    {
        var email = AccountFlows.NewEmail("invited");
        var (_, token) = await factory.CreateInvitationAsync(email);
        var client = factory.CreateBrowser();

        await client.RegisterAsync(email, Invitations.Link(token));

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(AccountStatus.Active, user.Status);
        await client.FollowEmailLinkAsync(factory, email, "/Accounts/ConfirmEmail");
        Assert.Equal("/", (await client.SignInAsync(email)).Landing());
    }
}
