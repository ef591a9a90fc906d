using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Spaces;

public sealed class SpacesTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private Task<SpaceMemberStatus?> StatusAsync(long spaceId, string userId) => factory.WithDbAsync(db =>
        db.SpaceMembers.Where(m => m.SpaceId == spaceId && m.UserId == userId).Select(m => (SpaceMemberStatus?)m.Status).SingleOrDefaultAsync());

    [Fact]
    public async Task Admin_creates_a_space_and_members_see_it()
    {
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        var slug = "research-" + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.SubmitAsync("/Spaces/Edit", new Dictionary<string, string>
        {
            ["Data.Name"] = "Research " + slug,
            ["Data.Slug"] = slug,
            ["Data.Description"] = "Evaluations",
            ["Data.DefaultLabel"] = "Amber",
            ["Data.JoinPolicy"] = "Closed",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("Research " + slug, page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".tlp.tlp-amber"));

        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        Assert.Contains("Research " + slug, (await member.GetPageAsync("/Spaces")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync("/Spaces/" + slug)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_open_the_space_editor()
    {
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var response = await factory.CreateDefaultClient().GetAsync("/Spaces/Edit");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var asMember = await member.GetAsync("/Spaces/Edit");
        Assert.Equal("/Accounts/AccessDenied", asMember.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Raising_a_space_label_raises_its_laxer_threads()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Raise"), "x");
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        await admin.SubmitAsync($"/Spaces/Edit?spaceId={space.Id}", new Dictionary<string, string> { ["Data.DefaultLabel"] = "Amber" });
        Assert.Equal(SensitivityLabel.Amber, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Label).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.ModerationLog.AnyAsync(e => e.SpaceId == space.Id)));
    }

    [Fact]
    public async Task Member_joins_an_open_space_and_may_then_start_a_thread()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var user = await factory.CreateMemberAsync();
        var browser = await factory.CreateSignedInBrowserAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Threads/New?spaceId={space.Id}")).StatusCode);
        await browser.SubmitAsync($"/Spaces/{space.Slug}", new Dictionary<string, string>(), "form[action*='handler=Join']");
        Assert.Equal(SpaceMemberStatus.Active, await StatusAsync(space.Id, user.Id));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Threads/New?spaceId={space.Id}")).StatusCode);
    }

    [Fact]
    public async Task Closed_space_request_is_approved_by_a_space_moderator()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var title = ThreadsWorld.Unique("Behind the door");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, title, "inside");

        var applicant = await factory.CreateMemberAsync();
        var browser = await factory.CreateSignedInBrowserAsync(applicant);
        var spacePage = await browser.GetPageAsync($"/Spaces/{space.Slug}");
        Assert.Null(spacePage.QuerySelector("form[action*='handler=Join']"));
        Assert.DoesNotContain(title, spacePage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await browser.SubmitAsync(spacePage, $"/Spaces/{space.Slug}", new Dictionary<string, string> { ["RequestMessage"] = "I work on evals." }, "form.request-form");
        Assert.Equal(SpaceMemberStatus.Requested, await StatusAsync(space.Id, applicant.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Threads/{thread.Id}")).StatusCode);
        // The space is visible to the applicant, so its members page is refused (403), not hidden (404).
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Spaces/Members?spaceId={space.Id}")).StatusCode);

        var modBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        var members = await modBrowser.GetPageAsync($"/Spaces/Members?spaceId={space.Id}");
        Assert.Contains("I work on evals.", members.QuerySelector(".request-list")!.TextContent, StringComparison.Ordinal);
        await modBrowser.SubmitAsync(members, $"/Spaces/Members?spaceId={space.Id}", new Dictionary<string, string>(),
            $"form[action*='handler=Approve'][action*='{applicant.Id}']");
        Assert.Equal(SpaceMemberStatus.Active, await StatusAsync(space.Id, applicant.Id));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Threads/{thread.Id}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.ModerationLog.AnyAsync(e => e.SpaceId == space.Id && e.TargetUserId == applicant.Id)));
    }

    [Fact]
    public async Task A_big_space_lists_its_members_a_page_at_a_time_moderators_first_and_finds_one_by_email()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Sixty members, written directly: the page is about listing them, not about how they joined.
        await factory.AddManyToSpaceAsync(space.Id, 60, i => $"crowd-{i:D2}-{tag}@test.dialogue", i => $"Aaron {i:D2}");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);

        var first = await browser.GetPageAsync($"/Spaces/Members?spaceId={space.Id}");
        var rows = first.QuerySelectorAll("table tbody tr");
        Assert.Equal(50, rows.Length);
        // The moderator comes first although "Aaron" sorts before their name.
        Assert.Contains(moderator.Email!, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("61", first.QuerySelector("h2 .hint")!.TextContent, StringComparison.Ordinal);
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;

        var second = await browser.GetPageAsync(next);
        Assert.Equal(11, second.QuerySelectorAll("table tbody tr").Length);
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
        Assert.NotNull(second.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Contains("Aaron 59", second.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        var found = await browser.GetPageAsync($"/Spaces/Members?spaceId={space.Id}&q=CROWD-07-{tag}");
        Assert.Equal(["Aaron 07"], found.QuerySelectorAll("table tbody tr a[href^='/Members/']").Select(a => a.TextContent));
        var none = await browser.GetPageAsync($"/Spaces/Members?spaceId={space.Id}&q=nobody-{tag}");
        Assert.Null(none.QuerySelector("table"));
        Assert.Contains("No member matches.", none.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Removing a member from the second page comes back to the second page.
        var removed = await browser.SubmitAsync(second, next, new Dictionary<string, string>(), "form[action*='handler=Remove']");
        Assert.Contains("p=2", removed.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Equal(10, (await removed.ReadPageAsync()).QuerySelectorAll("table tbody tr").Length);
    }

    [Fact]
    public async Task Declined_request_grants_nothing()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var applicant = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, applicant, status: SpaceMemberStatus.Requested);
        var modBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        await modBrowser.SubmitAsync($"/Spaces/Members?spaceId={space.Id}", new Dictionary<string, string>(), $"form[action*='handler=Decline'][action*='{applicant.Id}']");
        Assert.Null(await StatusAsync(space.Id, applicant.Id));
    }

    [Fact]
    public async Task Invited_member_accepts_and_joins_a_closed_space()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var invitee = await factory.CreateMemberAsync();
        var modBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        await modBrowser.SubmitAsync($"/Spaces/Members?spaceId={space.Id}", new Dictionary<string, string> { ["InviteEmail"] = invitee.Email! }, "form.invite-form");
        Assert.Equal(SpaceMemberStatus.Invited, await StatusAsync(space.Id, invitee.Id));

        var browser = await factory.CreateSignedInBrowserAsync(invitee);
        Assert.Contains(space.Name, (await browser.GetPageAsync("/Threads/Notifications")).QuerySelector(".notifications")!.TextContent, StringComparison.Ordinal);
        await browser.SubmitAsync($"/Spaces/{space.Slug}", new Dictionary<string, string>(), "form[action*='handler=Join']");
        Assert.Equal(SpaceMemberStatus.Active, await StatusAsync(space.Id, invitee.Id));
    }

    [Fact]
    public async Task Admin_appoints_a_space_moderator()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        await admin.SubmitAsync($"/Spaces/Members?spaceId={space.Id}", new Dictionary<string, string>(), $"form[action*='handler=Promote'][action*='{member.Id}']");
        Assert.Equal(SpaceRole.Moderator, await factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == space.Id && m.UserId == member.Id).Select(m => m.Role).SingleAsync()));

        // A space moderator manages members but does not appoint moderators.
        var modBrowser = await factory.CreateSignedInBrowserAsync(member);
        var page = await modBrowser.GetPageAsync($"/Spaces/Members?spaceId={space.Id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Promote']"));
    }
}
