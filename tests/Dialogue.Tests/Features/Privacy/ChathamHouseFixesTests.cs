using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>Read receipts and staff emails of Chatham House threads name nobody; the erased-account name and state cannot be reused.</summary>
public sealed class ChathamHouseFixesTests
{
    private sealed class HoldingFactory : DialogueFactory
    {
        public HoldingFactory() => Settings["Moderation:FirstPostsToReview"] = "1";
    }

    [Fact]
    public async Task Read_by_of_a_chatham_house_red_thread_shows_readers_by_pseudonym_without_names_or_profile_links()
    {
        await using var factory = new DialogueFactory();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, reader);
        var thread = await factory.StartChathamThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Receipts"), $"Words for @{reader.Email}", reader);
        await (await factory.CreateSignedInBrowserAsync(reader)).GetAsync($"/Threads/{thread.Id}");
        await factory.AccessLogAsync(thread.Id, 1);

        var receipts = await (await factory.CreateSignedInBrowserAsync(author)).GetStringAsync($"/Privacy/ReadBy?threadId={thread.Id}");

        // The author is participant 1, the member they mentioned participant 2.
        Assert.Contains("Participant 2", receipts, StringComparison.Ordinal);
        Assert.DoesNotContain(reader.DisplayName, receipts, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Members/{reader.Id}", receipts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_held_post_email_to_staff_names_a_chatham_house_author_by_pseudonym_only()
    {
        await using var factory = new HoldingFactory();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var newcomer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        var title = ThreadsWorld.Unique("Held under the rule");

        await factory.StartChathamThreadAsync(space.Id, newcomer, SensitivityLabel.Clear, title, "My first words here.");

        var admin = await factory.AdminAsync();
        var email = Assert.Single(await factory.OutboxToAsync(admin.Email!), m => m.Kind == StaffNotifier.EmailKind && m.Subject.Contains(title, StringComparison.Ordinal));
        Assert.Contains("A post by Participant 1 in", email.HtmlBody + email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(newcomer.DisplayName, email.HtmlBody + email.TextBody + email.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Deleted member")]
    [InlineData("  deleted   MEMBER ")]
    [InlineData("已删除的成员")]
    public async Task A_member_cannot_take_the_name_shown_for_deleted_accounts(string name)
    {
        await using var factory = new DialogueFactory();
        var member = await factory.CreateMemberAsync();
        var client = await factory.CreateSignedInBrowserAsync(member);

        var response = await client.SubmitAsync("/Accounts/Profile", new Dictionary<string, string> { ["Data.DisplayName"] = name });

        Assert.Contains("This name is reserved for erased accounts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(member.DisplayName, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task The_admin_member_page_offers_no_suspension_of_a_deleted_account()
    {
        await using var factory = new DialogueFactory();
        var member = await factory.CreateMemberAsync();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Deleted)));
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());

        var page = await admin.GetPageAsync($"/Admin/Member?id={member.Id}");

        Assert.Null(page.QuerySelector("#suspend-form"));
        Assert.Null(page.QuerySelector("#reinstate-form"));
        Assert.NotNull(page.QuerySelector("#deleted-account"));
        Assert.Equal(AccountStatus.Deleted, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.Status).SingleAsync()));
    }
}
