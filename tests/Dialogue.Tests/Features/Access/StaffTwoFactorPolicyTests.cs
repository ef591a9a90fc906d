using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Site;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Access;

/// <summary>
/// Staff two-factor is part of the authorization of every staff surface: admin pages, moderation pages, a space's
/// members page and the jobs dashboard, whose own authorization filter applies the same rule.
/// </summary>
public sealed class StaffTwoFactorPolicyTests(StaffTwoFactorPolicyTests.Site site) : IClassFixture<StaffTwoFactorPolicyTests.Site>
{
    public sealed class Site : SiteSettingsFactory
    {
        protected override void Change(SiteSettings settings) => settings.RequireTwoFactorForStaff = true;
    }

    private async Task<string[]> StaffSurfacesAsync(DialogueUser admin)
    {
        var space = await site.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        await site.AddToSpaceAsync(space.Id, admin, SpaceRole.Moderator);
        var thread = await site.StartThreadAsync(space.Id, admin, SensitivityLabel.Clear, ThreadsWorld.Unique("Staff"), "words");
        return
        [
            "/admin/jobs", "/admin/jobs/recurring", "/Admin", "/Admin/Members", "/Admin/Settings", "/Admin/Audit", "/Admin/Digests",
            $"/Admin/Member?id={admin.Id}", "/Spaces/Edit", "/Invitations", "/Moderation/Queue", "/Moderation/Log",
            $"/Moderation/Thread?threadId={thread.Id}", $"/Spaces/Members?spaceId={space.Id}",
        ];
    }

    [Fact]
    public async Task Staff_without_two_factor_opens_no_staff_surface_and_with_it_opens_every_one()
    {
        var admin = await site.CreateMemberAsync(null, Roles.Admin, Roles.Moderator);
        var surfaces = await StaffSurfacesAsync(admin);

        var without = await site.CreateSignedInBrowserAsync(admin, followRedirects: false);
        foreach (var url in surfaces)
        {
            var response = await without.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Landing() == "/Accounts/TwoFactor",
                $"{url} answered {(int)response.StatusCode} {response.Headers.Location} to staff without two-factor");
        }

        var enrolling = site.CreateBrowser();
        await AccountFlows.SignInAsync(enrolling, admin.Email!);
        await enrolling.EnrolAuthenticatorAsync();
        var with = await site.CreateSignedInBrowserAsync(admin, followRedirects: false);
        foreach (var url in surfaces)
        {
            var response = await with.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode} {response.Headers.Location} to staff with two-factor");
        }
    }

    [Fact]
    public async Task The_jobs_dashboard_filter_itself_refuses_staff_without_two_factor()
    {
        var admin = await site.CreateMemberAsync(null, Roles.Admin);
        Assert.False(await DashboardAllowsAsync(admin));
        await site.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var stored = await users.FindByIdAsync(admin.Id);
            Assert.True((await users.SetTwoFactorEnabledAsync(stored!, true)).Succeeded);
            return true;
        });
        Assert.True(await DashboardAllowsAsync(admin));
        var member = await site.CreateMemberAsync();
        Assert.False(await DashboardAllowsAsync(member));
    }

    [Fact]
    public async Task Space_moderator_without_a_staff_role_is_not_held_to_staff_two_factor()
    {
        var member = await site.CreateMemberAsync();
        var space = await site.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        await site.AddToSpaceAsync(space.Id, member, SpaceRole.Moderator);
        var client = await site.CreateSignedInBrowserAsync(member, followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Spaces/Members?spaceId={space.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Moderation/Queue")).StatusCode);
    }

    private Task<bool> DashboardAllowsAsync(DialogueUser user) => site.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<DialogueUser>>();
        var principal = await sp.GetRequiredService<SignInManager<DialogueUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id))!);
        var http = new DefaultHttpContext { User = principal, RequestServices = sp };
        sp.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        var context = new AspNetCoreDashboardContext(sp.GetRequiredService<JobStorage>(), new DashboardOptions(), http);
        return await new DashboardAuthorization().AuthorizeAsync(context);
    });
}
