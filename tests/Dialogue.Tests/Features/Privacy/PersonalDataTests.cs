using System.Net;
using System.Text.Json;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Admin;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy;

public sealed class PersonalDataTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static string DownloadUrl(string memberId) => $"/Accounts/PersonalData?handler=Download&memberId={Uri.EscapeDataString(memberId)}";

    private static Dictionary<string, string> Deletion(string password = DialogueFactory.Password, string? code = null)
    {
        var fields = new Dictionary<string, string> { ["Data.Password"] = password, ["Data.Confirm"] = "true" };
        if (code is not null)
        {
            fields["Data.Code"] = code;
        }
        return fields;
    }

    [Fact]
    public async Task Member_downloads_everything_held_about_them_with_titles_only_of_threads_they_may_still_read()
    {
        var member = await factory.CreateMemberAsync();
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(amber.Id, member);
        var readable = await factory.StartThreadAsync(open.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Readable"), "words-in-the-open");
        var chatham = await factory.StartThreadAsync(open.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Chatham"), "words-under-the-rule");
        var leftBehind = await factory.StartThreadAsync(amber.Id, member, SensitivityLabel.Amber, ThreadsWorld.Unique("Left behind"), "words-in-amber");
        await factory.WithDbAsync(async db =>
        {
            await db.Threads.Where(t => t.Id == chatham.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.ChathamHouse, true));
            // The member has left the AMBER space: their words stay theirs, the thread's title is no longer for them.
            await db.SpaceMembers.Where(m => m.SpaceId == amber.Id && m.UserId == member.Id).ExecuteDeleteAsync();
        });
        var client = factory.CreateBrowser();
        await TestSignIn.SignInAsync(client, member.Email!);

        var page = await client.GetPageAsync("/Accounts/PersonalData");
        var href = page.QuerySelector("#download-data")!.GetAttribute("href")!;
        Assert.Contains("handler=Download", href, StringComparison.Ordinal);
        Assert.Contains($"memberId={member.Id}", href, StringComparison.Ordinal);
        var response = await client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(member.Email, root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Contains("Member", root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var posts = root.GetProperty("posts").EnumerateArray().ToDictionary(p => p.GetProperty("threadId").GetInt64());
        Assert.Equal(readable.Title, posts[readable.Id].GetProperty("threadTitle").GetString());
        Assert.Equal("words-in-the-open", posts[readable.Id].GetProperty("text").GetString());
        Assert.False(posts[readable.Id].GetProperty("underChathamHouseRule").GetBoolean());
        Assert.True(posts[chatham.Id].GetProperty("underChathamHouseRule").GetBoolean());
        Assert.Equal(JsonValueKind.Null, posts[leftBehind.Id].GetProperty("threadTitle").ValueKind);
        Assert.Equal("words-in-amber", posts[leftBehind.Id].GetProperty("text").GetString());
        // Starting a thread watches it.
        Assert.Contains(readable.Id, root.GetProperty("watches").EnumerateArray().Select(w => w.GetProperty("threadId").GetInt64()));
        Assert.NotEmpty(root.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task Export_or_deletion_naming_another_member_answers_404_even_for_an_admin()
    {
        var owner = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        var member = factory.CreateBrowser();
        await TestSignIn.SignInAsync(member, other.Email!);
        var admin = factory.CreateBrowser();
        await TestSignIn.SignInAsync(admin, DialogueFactory.AdminEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(DownloadUrl(owner.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(DownloadUrl(owner.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(DownloadUrl("no-such-member"))).StatusCode);

        var page = await member.GetPageAsync("/Accounts/PersonalData");
        var form = page.QuerySelector("#delete-account")!;
        form.SetAttribute("action", $"/Accounts/PersonalData?memberId={owner.Id}&handler=Delete");
        var deletion = await member.SubmitAsync(page, "/Accounts/PersonalData", Deletion(), "#delete-account");

        Assert.Equal(HttpStatusCode.NotFound, deletion.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == owner.Id));
        Assert.Equal(owner.Email, stored.Email);
        Assert.Equal(AccountStatus.Active, stored.Status);
        Assert.True(await member.IsSignedInAsync());
    }

    [Fact]
    public async Task Deleting_the_account_keeps_the_posts_under_Deleted_member_and_erases_the_personal_data()
    {
        var member = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, member);
        var word = "farewell" + Guid.NewGuid().ToString("N")[..8];
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Leaving"), $"My last words {word}");
        await factory.ReplyAsync(thread.Id, reader, "A reply to someone who is leaving");
        await factory.WithDbAsync(async db =>
        {
            db.Watches.Add(new Watch { UserId = member.Id, SpaceId = space.Id, CreatedAt = factory.Clock.GetUtcNow() });
            db.DigestSubscriptions.Add(new DigestSubscription { UserId = member.Id, Frequency = DigestFrequency.Daily, CreatedAt = factory.Clock.GetUtcNow(), UpdatedAt = factory.Clock.GetUtcNow() });
            db.Notifications.Add(new Notification { RecipientId = member.Id, Kind = NotificationKind.Reply, ThreadId = thread.Id, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var client = factory.CreateBrowser();
        await TestSignIn.SignInAsync(client, member.Email!);

        var response = await client.SubmitAsync("/Accounts/PersonalData", Deletion(), "#delete-account");

        Assert.Equal("/", response.Landing());
        Assert.False(await client.IsSignedInAsync());
        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.Equal(AccountStatus.Deleted, stored.Status);
        Assert.Null(stored.Email);
        Assert.Null(stored.PasswordHash);
        Assert.Null(stored.Bio);
        Assert.Equal(PersonalDataErasure.DeletedMemberName, stored.DisplayName);
        Assert.DoesNotContain(member.Email!.Split('@')[0], stored.UserName, StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == member.Id));
            Assert.False(await db.Watches.AnyAsync(w => w.UserId == member.Id));
            Assert.False(await db.DigestSubscriptions.AnyAsync(s => s.UserId == member.Id));
            Assert.False(await db.Notifications.AnyAsync(n => n.RecipientId == member.Id));
            Assert.False(await db.SpaceMembers.AnyAsync(m => m.UserId == member.Id));
            Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == member.Id));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == member.Email));
            Assert.Equal(1, await db.Posts.CountAsync(p => p.AuthorId == member.Id));
            var audit = await db.AdminAuditEntries.SingleAsync(e => e.TargetUserId == member.Id && e.Action == AuditActions.AccountDeleted);
            Assert.DoesNotContain(member.Email!, audit.Details, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(member.Email!.Split('@')[0], audit.Details, StringComparison.OrdinalIgnoreCase);
        });

        var readerBrowser = await factory.CreateSignedInBrowserAsync(reader);
        var threadPage = await readerBrowser.GetPageAsync($"/Threads/{thread.Id}");
        var firstAuthor = threadPage.QuerySelector("#post-1 .post-author")!;
        Assert.Equal("Deleted member", firstAuthor.TextContent.Trim());
        Assert.Null(firstAuthor.QuerySelector("a"));
        Assert.Contains($"My last words {word}", threadPage.QuerySelector("#post-1")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Email!.Split('@')[0], threadPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await readerBrowser.GetPageAsync($"/Members/{member.Id}", HttpStatusCode.NotFound);
        var search = await readerBrowser.GetPageAsync($"/Search?q={word}");
        Assert.Contains("Deleted member", search.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var again = factory.CreateBrowser();
        await again.PostSignInAsync(member.Email!);
        Assert.False(await again.IsSignedInAsync());
    }

    [Fact]
    public async Task Deletion_needs_the_password_the_confirmation_and_the_two_factor_code_when_it_is_on()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await TestSignIn.SignInAsync(client, member.Email!);
        var (key, _) = await client.EnrolAuthenticatorAsync();

        var wrongPassword = await client.SubmitAsync("/Accounts/PersonalData", Deletion("not-my-password-1", Totp.Now(key)), "#delete-account");
        Assert.Contains("That is not your password.", await wrongPassword.TextAsync(), StringComparison.Ordinal);
        var noCode = await client.SubmitAsync("/Accounts/PersonalData", Deletion(), "#delete-account");
        Assert.Contains("Enter the code from your authenticator app, or one of your recovery codes.", await noCode.TextAsync(), StringComparison.Ordinal);
        var unconfirmed = await client.SubmitAsync("/Accounts/PersonalData",
            new Dictionary<string, string> { ["Data.Password"] = DialogueFactory.Password, ["Data.Code"] = Totp.Now(key) }, "#delete-account");
        Assert.Contains("Tick the box to confirm that you want your account deleted.", await unconfirmed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Active, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.Status).SingleAsync()));

        await client.SubmitAsync("/Accounts/PersonalData", Deletion(code: Totp.Now(key)), "#delete-account");

        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id);
            Assert.Equal(AccountStatus.Deleted, stored.Status);
            Assert.False(stored.TwoFactorEnabled);
            Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == member.Id));
        });
    }

    [Fact]
    public async Task Public_subscriber_downloads_and_deletes_their_data_through_the_signed_link()
    {
        var address = AccountFlows.NewEmail("reader");
        var subscriber = await factory.WithDbAsync(async db =>
        {
            var s = new PublicSubscriber
            {
                Email = address,
                UiCulture = "zh-Hans",
                ConfirmationTokenHash = Guid.NewGuid().ToString("N"),
                CreatedAt = factory.Clock.GetUtcNow(),
                ConfirmationSentAt = factory.Clock.GetUtcNow(),
                ConfirmedAt = factory.Clock.GetUtcNow(),
            };
            db.PublicSubscribers.Add(s);
            await db.SaveChangesAsync();
            return s;
        });
        var (token, forged) = await factory.WithScopeAsync(sp =>
        {
            var tokens = sp.GetRequiredService<UnsubscribeTokens>();
            var id = subscriber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult((tokens.For(new UnsubscribeTarget(DigestRecipientKind.Public, id, address)),
                tokens.For(new UnsubscribeTarget(DigestRecipientKind.Public, id, "someone-else@test.dialogue"))));
        });
        var visitor = factory.CreateBrowser();
        var url = $"/Digests/YourData?token={Uri.EscapeDataString(token)}";

        var unsubscribe = await visitor.GetPageAsync($"/Digests/Unsubscribe?token={Uri.EscapeDataString(token)}");
        Assert.Equal(url, unsubscribe.QuerySelector("#subscriber-data")!.GetAttribute("href"));
        var page = await visitor.GetPageAsync(url);
        Assert.Contains(address, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var download = await visitor.GetAsync(page.QuerySelector("#download-data")!.GetAttribute("href"));
        using (var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync()))
        {
            Assert.Equal(address, json.RootElement.GetProperty("subscription").GetProperty("email").GetString());
        }
        await visitor.GetPageAsync($"/Digests/YourData?token={Uri.EscapeDataString(forged)}", HttpStatusCode.NotFound);
        await visitor.GetPageAsync("/Digests/YourData?token=made-up", HttpStatusCode.NotFound);

        var deleted = await visitor.SubmitAsync(page, url, new Dictionary<string, string>(), "main form[action*='handler=Delete']");

        Assert.Contains("the subscription, its history and any mail waiting for this address are deleted", await deleted.TextAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.PublicSubscribers.AnyAsync(s => s.Email == address)));
        await visitor.GetPageAsync(url, HttpStatusCode.NotFound);
    }
}
