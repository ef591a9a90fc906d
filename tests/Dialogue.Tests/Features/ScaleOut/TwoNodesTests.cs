using System.Net;
using Dialogue.Data.Email;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.ScaleOut;

/// <summary>Two web nodes on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoNodes : IDisposable
{
    public TwoNodes()
    {
        A = new Node("A", Mail);
        _ = A.Services; // A creates and migrates the database before B joins it
        B = new Node("B", Mail);
        B.UseDatabase(A.Database);
        _ = B.Services;
    }

    public MailLog Mail { get; } = new();

    public Node A { get; }

    public Node B { get; }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }
}

[Trait("Database", "Postgres")]
public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_member_signed_in_on_one_node_is_signed_in_on_the_other()
    {
        var member = await nodes.A.CreateMemberAsync();
        var jar = new CookieContainer();
        await nodes.A.CreateClient(jar).SignInAsync(member.Email!);

        var page = await nodes.B.CreateClient(jar).GetPageAsync("/");

        Assert.Equal(member.DisplayName, SignedInAs(page));
    }

    [Fact]
    public async Task Wrong_passwords_tried_on_both_nodes_add_up_to_one_lockout()
    {
        var member = await nodes.A.CreateMemberAsync();
        var onA = nodes.A.CreateClient(new CookieContainer());
        var onB = nodes.B.CreateClient(new CookieContainer());

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var node = attempt % 2 == 0 ? onA : onB;
            var wrong = await node.PostSignInAsync(member.Email!, "wrong-password-1");
            Assert.NotEqual("/", wrong.Headers.Location?.OriginalString); // not signed in
        }

        var right = await onA.PostSignInAsync(member.Email!);
        Assert.Equal("/Accounts/Lockout", right.Headers.Location?.OriginalString); // locked out by three tries on A and two on B
        var stored = await nodes.B.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.True(stored.LockoutEnd > nodes.A.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_node_with_other_keys_rejects_the_cookie()
    {
        // The control for the test above: the same cookie on a site whose data-protection keys are not shared.
        var member = await nodes.A.CreateMemberAsync();
        var jar = new CookieContainer();
        await nodes.A.CreateClient(jar).SignInAsync(member.Email!);
        using var stranger = new Node("stranger");

        var page = await stranger.CreateClient(jar).GetPageAsync("/");

        Assert.Null(SignedInAs(page));
    }

    [Fact]
    public async Task A_form_from_one_node_posts_to_the_other_and_the_change_shows_on_the_first()
    {
        var member = await nodes.A.CreateMemberAsync();
        var jar = new CookieContainer();
        var onA = nodes.A.CreateClient(jar);
        var onB = nodes.B.CreateClient(jar);
        await onA.SignInAsync(member.Email!);
        var form = await onA.GetPageAsync("/");

        var response = await onB.SubmitAsync(form, "/", new Dictionary<string, string> { ["culture"] = "zh-Hans" }, "form.language-switcher");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // the antiforgery token from A passed on B
        var saved = await nodes.A.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.Equal("zh-Hans", saved.UiCulture);
        var after = await onA.GetPageAsync("/"); // B refreshed the cookie; A reads it
        Assert.Equal("zh-Hans", after.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_on_either_node()
    {
        var member = await nodes.A.CreateMemberAsync();
        var jar = new CookieContainer();
        await nodes.A.CreateClient(jar).SignInAsync(member.Email!);

        var response = await nodes.B.CreateClient(jar).PostAsync("/Language",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "zh-Hans" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The display name in the account menu, or null when the page was served to a visitor.</summary>
    private static string? SignedInAs(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("nav.account-nav form button") is null ? null : page.QuerySelector("nav.account-nav .user-menu summary")?.TextContent.Trim();

    [Fact]
    public async Task Each_outbox_message_goes_out_once_when_both_nodes_send_at_the_same_time()
    {
        await Task.WhenAll(nodes.A.SendOutboxAsync(), nodes.B.SendOutboxAsync()); // warm both nodes' queries
        var run = Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 150).Select(i => $"{run}.{i}@test.dialogue").ToList();
        var now = nodes.A.Clock.GetUtcNow();
        await nodes.A.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(ids.Select(id => new OutboxMessage
            {
                MessageId = id,
                Kind = "race",
                ToAddress = $"to-{id}",
                Subject = "Race",
                HtmlBody = "<p>Race</p>",
                TextBody = "Race",
                CreatedAt = now,
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        });

        var start = new TaskCompletionSource();
        async Task SendUntilDone(Node node)
        {
            await start.Task;
            for (var round = 0; round < 50; round++)
            {
                await node.SendOutboxAsync();
                var unsent = await node.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.MessageId) && m.SentAt == null));
                if (unsent == 0)
                {
                    return;
                }
            }
        }
        var senders = new[] { nodes.A, nodes.B, nodes.A, nodes.B }.Select(node => Task.Run(() => SendUntilDone(node))).ToList();
        start.SetResult();
        await Task.WhenAll(senders);

        var ours = nodes.Mail.Sent.Where(s => s.MessageId.StartsWith(run, StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ours.Select(s => s.MessageId).Order(StringComparer.Ordinal)); // each exactly once
        Assert.Contains(ours, s => s.Node == "A");
        Assert.Contains(ours, s => s.Node == "B");
        var stored = await nodes.B.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).ToListAsync());
        Assert.All(stored, m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LockedUntil);
        });
    }
}
