using System.Net;
using System.Web;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Features.Admin;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Invitations;

public sealed class InvitationsTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static string NewAddress() => $"guest-{Guid.NewGuid():N}@example.org";

    private static Task<HttpResponseMessage> InviteAsync(HttpClient client, string email, string? note = null, string? language = null)
    {
        var fields = new Dictionary<string, string> { ["Invite.Email"] = email };
        if (note is not null) fields["Invite.Note"] = note;
        if (language is not null) fields["Invite.Language"] = language;
        return client.SubmitAsync("/Invitations", fields, "#invite-form");
    }

    private Task<List<Invitation>> InvitationsToAsync(string email) =>
        factory.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.Email == email).ToListAsync());

    [Fact]
    public async Task Admin_invites_by_email_with_a_single_use_link_whose_token_only_the_email_holds()
    {
        var admin = await factory.AdminAsync();
        var client = await factory.AdminBrowserAsync();
        var email = NewAddress();

        var response = await InviteAsync(client, email, "We met at the Singapore workshop.\nI'd value your view on evals.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Invitation sent to {email}.", (await response.ReadPageAsync()).QuerySelector(".notice")!.TextContent);
        var invitation = Assert.Single(await InvitationsToAsync(email));
        Assert.Equal(admin.Id, invitation.InvitedById);
        Assert.Equal(factory.Clock.GetUtcNow(), invitation.CreatedAt);
        Assert.Equal(invitation.CreatedAt + TimeSpan.FromDays(14), invitation.ExpiresAt);
        Assert.Null(invitation.UsedAt);

        var mail = Assert.Single(await factory.OutboxToAsync(email));
        Assert.Equal("invitation", mail.Kind);
        Assert.Equal("Admin invites you to Dialogue", mail.Subject);
        Assert.Contains("Admin invites you to join Dialogue", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("We met at the Singapore workshop.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("I'd value your view on evals.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("14 days", mail.TextBody, StringComparison.Ordinal);

        var link = await factory.LinkInLatestEmailAsync(email, "/Accounts/Register");
        Assert.StartsWith("http://localhost/Accounts/Register?invitation=", link, StringComparison.Ordinal);
        var token = HttpUtility.ParseQueryString(new Uri(link).Query)["invitation"]!;
        Assert.Equal(invitation.TokenHash, Tokens.Hash(token));
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_personal_note_is_encoded_in_the_email()
    {
        var client = await factory.AdminBrowserAsync();
        var email = NewAddress();

        await InviteAsync(client, email, "<a href=\"https://evil.example\">click</a>");

        var mail = Assert.Single(await factory.OutboxToAsync(email));
        Assert.DoesNotContain("https://evil.example", Links.In(mail.HtmlBody));
        Assert.Contains("&lt;a href=", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_can_be_written_in_Simplified_Chinese()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var client = await factory.CreateSignedInBrowserAsync(organiser);
        var email = NewAddress();

        await InviteAsync(client, email, language: "zh-Hans");

        var mail = Assert.Single(await factory.OutboxToAsync(email));
        Assert.Equal($"{organiser.DisplayName} 邀请您加入 Dialogue", mail.Subject);
        Assert.Contains("接受邀请并创建账户", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_written_in_Chinese_opens_registration_in_Chinese()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var email = NewAddress();
        await InviteAsync(await factory.CreateSignedInBrowserAsync(organiser), email, language: "zh-Hans");
        var link = await factory.LinkInLatestEmailAsync(email, "/Accounts/Register");

        var visitor = factory.CreateBrowser();
        visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var page = await visitor.GetPageAsync(new Uri(link).PathAndQuery);

        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(email, page.QuerySelector("input[name='Data.Email']")?.GetAttribute("value"));
        // The choice stays for the rest of the visit.
        Assert.Equal("zh-Hans", (await visitor.GetPageAsync("/Accounts/SignIn")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("name@localhost")]
    [InlineData("two@@example.org")]
    [InlineData("name@example.org, other@example.org")]
    [InlineData("Name <name@example.org>")]
    [InlineData("name @example.org")]
    [InlineData("name@-example.org")]
    [InlineData("")]
    public async Task A_malformed_address_gets_a_message_and_nothing_is_stored_or_sent(string email)
    {
        var client = await factory.AdminBrowserAsync();
        var outboxBefore = await factory.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).DefaultIfEmpty().MaxAsync());
        var invitationsBefore = await factory.WithDbAsync(db => db.Invitations.Select(i => i.Id).DefaultIfEmpty().MaxAsync());

        var response = await InviteAsync(client, email, "Hello");

        var page = await response.ReadPageAsync();
        var message = page.QuerySelector("[data-valmsg-for='Invite.Email']")!.TextContent;
        Assert.True(message is "Enter an email address like name@example.org." or "Enter the email address to invite.", message);
        Assert.Equal(email, page.QuerySelector("#Invite_Email")!.GetAttribute("value") ?? "");
        Assert.Equal("Hello", page.QuerySelector("#Invite_Note")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Id > invitationsBefore)));
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id > outboxBefore)));
    }

    [Fact]
    public async Task A_note_longer_than_500_characters_is_refused()
    {
        var client = await factory.AdminBrowserAsync();
        var email = NewAddress();

        var response = await InviteAsync(client, email, new string('x', 501));

        Assert.Equal("Keep the note to 500 characters or fewer.", (await response.ReadPageAsync()).QuerySelector("[data-valmsg-for='Invite.Note']")!.TextContent);
        Assert.Empty(await InvitationsToAsync(email));
        Assert.Empty(await factory.OutboxToAsync(email));
    }

    [Fact]
    public async Task Organiser_invites_and_sees_only_their_own_invitations_while_admins_see_all()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var otherOrganiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var mine = NewAddress();
        var theirs = NewAddress();
        var organiserBrowser = await factory.CreateSignedInBrowserAsync(organiser);

        await InviteAsync(organiserBrowser, mine);
        await InviteAsync(await factory.CreateSignedInBrowserAsync(otherOrganiser), theirs);

        Assert.Equal(organiser.Id, Assert.Single(await InvitationsToAsync(mine)).InvitedById);
        Assert.Single(await factory.OutboxToAsync(mine));
        var organiserView = (await organiserBrowser.GetPageAsync("/Invitations")).QuerySelector("#invitations")!.TextContent;
        Assert.Contains(mine, organiserView, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, organiserView, StringComparison.Ordinal);

        var adminView = (await (await factory.AdminBrowserAsync()).GetPageAsync("/Invitations")).QuerySelector("#invitations")!.TextContent;
        Assert.Contains(mine, adminView, StringComparison.Ordinal);
        Assert.Contains(theirs, adminView, StringComparison.Ordinal);
        Assert.Contains(otherOrganiser.DisplayName, adminView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_who_is_not_an_organiser_cannot_invite()
    {
        var member = await factory.CreateMemberAsync(null, Roles.Moderator, Roles.GlossaryEditor);
        var client = await factory.CreateSignedInBrowserAsync(member, followRedirects: false);

        var page = await client.GetAsync("/Invitations");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // Nor by posting the form with a token of their own.
        var email = NewAddress();
        var post = await client.PostAsync("/Invitations?handler=Send", new FormUrlEncodedContent(new Dictionary<string, string> { ["Invite.Email"] = email }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(await InvitationsToAsync(email));
    }

    [Fact]
    public async Task Stranger_is_sent_to_sign_in()
    {
        var response = await factory.CreateBrowser(followRedirects: false).GetAsync("/Invitations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_pending_invitation_stops_it()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var client = await factory.CreateSignedInBrowserAsync(organiser);
        var email = NewAddress();
        await InviteAsync(client, email);
        var invitation = Assert.Single(await InvitationsToAsync(email));

        var response = await client.SubmitAsync("/Invitations", new Dictionary<string, string>(), $"tr[data-invitation-id='{invitation.Id}'] form.revoke-form");

        var page = await response.ReadPageAsync();
        Assert.Equal("Invitation revoked; its link no longer works.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Revoked", page.QuerySelector($"tr[data-invitation-id='{invitation.Id}'] .invitation-state")!.TextContent);
        Assert.Null(page.QuerySelector($"tr[data-invitation-id='{invitation.Id}'] form.revoke-form"));
        Assert.Equal(factory.Clock.GetUtcNow(), Assert.Single(await InvitationsToAsync(email)).RevokedAt);
    }

    [Fact]
    public async Task Organiser_cannot_revoke_someone_elses_invitation_but_an_admin_can()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var other = await factory.CreateMemberAsync(null, Roles.Organiser);
        var email = NewAddress();
        await InviteAsync(await factory.CreateSignedInBrowserAsync(other), email);
        var invitation = Assert.Single(await InvitationsToAsync(email));
        var organiserBrowser = await factory.CreateSignedInBrowserAsync(organiser);

        var response = await organiserBrowser.PostWithTokenFromAsync("/Invitations", $"/Invitations?handler=Revoke&id={invitation.Id}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(Assert.Single(await InvitationsToAsync(email)).RevokedAt);

        await (await factory.AdminBrowserAsync()).SubmitAsync("/Invitations", new Dictionary<string, string>(), $"tr[data-invitation-id='{invitation.Id}'] form.revoke-form");
        Assert.NotNull(Assert.Single(await InvitationsToAsync(email)).RevokedAt);
    }

    [Fact]
    public async Task List_shows_used_and_expired_invitations_and_offers_no_revoke_for_them()
    {
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        var client = await factory.CreateSignedInBrowserAsync(organiser);
        var used = NewAddress();
        var expired = NewAddress();
        await InviteAsync(client, used);
        await InviteAsync(client, expired);
        var invitee = await factory.CreateMemberAsync(used);
        await factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == used).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.UsedAt, factory.Clock.GetUtcNow()).SetProperty(i => i.UsedById, invitee.Id)));
        await factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == expired).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.ExpiresAt, factory.Clock.GetUtcNow().AddSeconds(-1))));
        var usedId = Assert.Single(await InvitationsToAsync(used)).Id;
        var expiredId = Assert.Single(await InvitationsToAsync(expired)).Id;

        var page = await client.GetPageAsync("/Invitations");

        Assert.Equal("Used", page.QuerySelector($"tr[data-invitation-id='{usedId}'] .invitation-state")!.TextContent);
        Assert.Equal("Expired", page.QuerySelector($"tr[data-invitation-id='{expiredId}'] .invitation-state")!.TextContent);
        Assert.Empty(page.QuerySelectorAll($"tr[data-invitation-id='{usedId}'] form, tr[data-invitation-id='{expiredId}'] form"));

        // A revoke posted anyway (a stale page) changes nothing.
        var stale = await client.PostWithTokenFromAsync("/Invitations", $"/Invitations?handler=Revoke&id={usedId}", new Dictionary<string, string>());
        Assert.Equal("This invitation was already used, expired or revoked.", (await stale.ReadPageAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Null(Assert.Single(await InvitationsToAsync(used)).RevokedAt);
    }

    [Fact]
    public async Task Invitations_page_speaks_Simplified_Chinese_to_a_Chinese_browser()
    {
        var client = await factory.AdminBrowserAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");

        var page = await client.GetPageAsync("/Invitations");

        Assert.Equal("邀请", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("电子邮件地址", page.QuerySelector("label[for=Invite_Email]")!.TextContent);
    }
}
