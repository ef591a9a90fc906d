using System.Net;
using System.Security.Claims;
using Dialogue.Data;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Accounts;
using Dialogue.Data.Admin;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Site;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.ScaleOut;

/// <summary>A SQLite site with a row in every table, copied once with the copy-to-postgres command.</summary>
public sealed class CopiedSite : IAsyncLifetime
{
    public Node Sqlite { get; } = CreateSource();

    /// <summary>The demo site (every feature's share of it) plus rows the demo never writes, added below.</summary>
    private static Node CreateSource()
    {
        var node = new Node("sqlite") { Provider = DatabaseProvider.Sqlite };
        node.Settings["Demo:Seed"] = "true";
        return node;
    }

    public TestDatabase Target { get; } = TestDatabase.CreatePostgres(empty: true);

    public Node Postgres { get; } = new("postgres");

    public DialogueUser Member { get; private set; } = null!;

    /// <summary>The member's browser, signed in on the SQLite site before the copy.</summary>
    public CookieContainer Jar { get; } = new();

    public Dictionary<string, long> SourceRows { get; private set; } = [];

    /// <summary>Rows per table in the target right after the copy, before any test adds to it.</summary>
    public Dictionary<string, long> CopiedRows { get; private set; } = [];

    public int ExitCode { get; private set; }

    /// <summary>Outbox messages not yet sent when the copy was made (the pending one and the demo's).</summary>
    public int UnsentAtCopy { get; private set; }

    public string Output { get; private set; } = "";

    /// <summary>The demo's admin: the demo site has no bootstrap admin.</summary>
    public static readonly string AdminEmail = DemoSeeder.Email(DemoContent.AdminKey);

    public static readonly DateTimeOffset SuspendedUntil = new(2026, 12, 1, 17, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A RED thread with a reply, a revision, a tag, a participant, and a row in every moderation and activity table.</summary>
    private async Task SeedThreadsAsync()
    {
        var space = await Sqlite.CreateSpaceAsync(SensitivityLabel.Amber);
        await Sqlite.AddToSpaceAsync(space.Id, Member, SpaceRole.Moderator);
        var thread = await Sqlite.StartThreadAsync(space.Id, Member, SensitivityLabel.Red, "Copied thread", "First post");
        var reply = await Sqlite.ReplyAsync(thread.Id, Member, "A reply with **Markdown**");
        var now = Sqlite.Clock.GetUtcNow();
        await Sqlite.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync(u => u.Email == CopiedSite.AdminEmail);
            db.AdminAuditEntries.Add(new AdminAuditEntry { At = now, ActorId = admin.Id, Action = "test", TargetUserId = Member.Id });
            if (!await db.ThreadTags.AnyAsync(t => t.ThreadId == thread.Id)) db.ThreadTags.Add(new ThreadTag { ThreadId = thread.Id, Tag = "copied" });
            // The pending message carries the thread at its current label, so sending it after the copy changes nothing.
            var pending = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "pending@test.dialogue");
            db.OutboxMessageThreads.Add(new OutboxMessageThread { OutboxMessageId = pending.Id, ThreadId = thread.Id, Label = SensitivityLabel.Red });
            if (!await db.ThreadParticipants.AnyAsync(p => p.ThreadId == thread.Id)) db.ThreadParticipants.Add(new ThreadParticipant { ThreadId = thread.Id, UserId = Member.Id, AddedAt = now });
            db.PostRevisions.Add(new PostRevision { PostId = reply.Id, Number = 1, Source = "before", WrittenAt = now, ReplacedAt = now });
            if (!await db.Watches.AnyAsync(w => w.ThreadId == thread.Id)) db.Watches.Add(new Watch { UserId = Member.Id, ThreadId = thread.Id, CreatedAt = now });
            db.Notifications.Add(new Notification { RecipientId = Member.Id, Kind = NotificationKind.Reply, SpaceId = space.Id, ThreadId = thread.Id, PostId = reply.Id, CreatedAt = now });
            if (!await db.ReadStates.AnyAsync(r => r.ThreadId == thread.Id)) db.ReadStates.Add(new ReadState { UserId = Member.Id, ThreadId = thread.Id, LastReadPostNumber = 1, UpdatedAt = now });
            db.Flags.Add(new Flag { PostId = reply.Id, FlaggedById = admin.Id, Reason = FlagReason.Spam, CreatedAt = now });
            db.ModerationLog.Add(new ModerationLogEntry { ActorId = Member.Id, At = now, Action = default, SpaceId = space.Id, ThreadId = thread.Id, Reason = "test" });
            db.MemberSilences.Add(new MemberSilence { UserId = admin.Id, SpaceId = space.Id, CreatedAt = now, Until = now.AddDays(1) });
            db.ThreadAccessLog.Add(new ThreadAccessLogEntry { UserId = Member.Id, ThreadId = thread.Id, At = now });
            db.DigestSubscriptions.Add(new DigestSubscription
            {
                UserId = Member.Id,
                Frequency = DigestFrequency.Daily,
                AllSpaces = false,
                SpaceIds = [space.Id],
                CreatedAt = now,
                UpdatedAt = now,
                ScheduleStartsAt = now,
                NextDueAt = now.AddHours(1),
            });
            db.PublicSubscribers.Add(new PublicSubscriber { Email = "public@test.dialogue", ConfirmationTokenHash = new string('b', 64), ConfirmationSentAt = now, ConfirmedAt = now, CreatedAt = now });
            db.DigestLedger.Add(new DigestLedgerEntry { RecipientKind = DigestRecipientKind.Member, RecipientId = Member.Id, PeriodKey = "D:2026-11-23", Frequency = DigestFrequency.Daily, CreatedAt = now, UpdatedAt = now });
            db.DigestPreviewAudits.Add(new DigestPreviewAudit { At = now, AdminUserId = admin.Id, MemberUserId = Member.Id });
            // The rows the demo does not write.
            db.NotificationPreferences.Add(new NotificationPreference { UserId = Member.Id, Topic = NotificationTopic.Mentions, InApp = true, Email = false });
            db.RetentionPurges.Add(new RetentionPurge { ThreadId = thread.Id, PurgedAt = now, PostsPurged = 2, Days = 30 });
            db.WorkshopCalendarFeeds.Add(new WorkshopCalendarFeed { UserId = Member.Id, TokenHash = new string('c', 64), CreatedAt = now });
            var session = await db.WorkshopSessions.OrderBy(s => s.Id).FirstAsync();
            db.WorkshopSessionSpeakers.Add(new WorkshopSessionSpeaker { SessionId = session.Id, UserId = Member.Id });
            db.AccessReviewIntervals.Add(new AccessReviewInterval { SpaceId = space.Id, Days = 30, SetById = Member.Id, SetAt = now });
            var carrying = Message("carrying@test.dialogue", now, sentAt: now);
            carrying.Threads.Add(new OutboxMessageThread { ThreadId = thread.Id, Label = SensitivityLabel.Red });
            carrying.Attachments.Add(new OutboxAttachment { FileName = "workshop.ics", ContentType = "text/calendar", Content = "BEGIN:VCALENDAR"u8.ToArray() });
            db.OutboxMessages.Add(carrying);
            await db.SaveChangesAsync();
            db.WorkshopReminders.Add(new WorkshopReminder
            {
                WorkshopId = session.WorkshopId,
                UserId = Member.Id,
                LeadMinutes = 60,
                ScheduledFor = now,
                OutboxMessageId = carrying.Id,
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
        });
    }

    public async Task InitializeAsync()
    {
        Member = await Sqlite.CreateMemberAsync(null, Roles.Organiser);
        await Sqlite.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            var db = sp.GetRequiredService<DialogueDbContext>();
            var member = await users.FindByIdAsync(Member.Id);
            Check(await users.AddClaimAsync(member!, new Claim("dialogue:test", "copied")));
            Check(await users.AddLoginAsync(member!, new UserLoginInfo("test-provider", "key-1", "Test provider")));
            Check(await users.ResetAuthenticatorKeyAsync(member!));
            Assert.NotNull(await users.GenerateNewTwoFactorRecoveryCodesAsync(member!, 5));
            Check(await roles.AddClaimAsync((await roles.FindByNameAsync(Roles.Organiser))!, new Claim("dialogue:test", "role")));
            // Written with a non-UTC offset, as an older version might have; PostgreSQL takes UTC only.
            await db.Users.Where(u => u.Id == Member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedUntil, SuspendedUntil));

            var admin = await users.FindByEmailAsync(AdminEmail);
            var now = Sqlite.Clock.GetUtcNow();
            db.Invitations.Add(new Invitation
            {
                TokenHash = new string('a', 64),
                Email = "invited@test.dialogue",
                InvitedById = admin!.Id,
                CreatedAt = now,
                ExpiresAt = now.AddDays(7),
            });
            db.OutboxMessages.Add(Message("sent@test.dialogue", now, sentAt: now));
            db.OutboxMessages.Add(Message("pending@test.dialogue", now, sentAt: null));
            var settings = await db.SiteSettings.SingleAsync();
            settings.RegistrationMode = RegistrationMode.InvitationOnly;
            settings.RequireTwoFactorForStaff = true;
            await db.SaveChangesAsync();
            return true;
        });
        await SeedThreadsAsync();
        await Sqlite.CreateClient(Jar).SignInAsync(Member.Email!); // also writes the site's data-protection key
        SourceRows = await Sqlite.WithDbAsync(RowsPerTableAsync);
        UnsentAtCopy = await Sqlite.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null));

        var output = new StringWriter();
        ExitCode = await CopyToPostgresCommand.RunAsync(
            ["copy-to-postgres", Target.ConnectionString, "--Database:Provider=Sqlite", $"--Database:ConnectionString={Sqlite.Database.ConnectionString}"],
            output,
            CancellationToken.None);
        Output = output.ToString();
        await using (var copied = DialogueDatabase.CreateContext(DatabaseProvider.Postgres, Target.ConnectionString))
        {
            CopiedRows = await RowsPerTableAsync(copied);
        }
        Postgres.UseDatabase(Target);
    }

    public static async Task<Dictionary<string, long>> RowsPerTableAsync(DialogueDbContext db)
    {
        var rows = new Dictionary<string, long>();
        foreach (var table in db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables)
        {
            var name = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>().DelimitIdentifier(table.Name, table.Schema);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {name}";
            await db.Database.OpenConnectionAsync();
            rows[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return rows;
    }

    private static OutboxMessage Message(string to, DateTimeOffset now, DateTimeOffset? sentAt) => new()
    {
        MessageId = $"{Guid.NewGuid():N}@test.dialogue",
        Kind = "copy",
        ToAddress = to,
        Subject = "Copied",
        HtmlBody = "<p>Copied</p>",
        TextBody = "Copied",
        CreatedAt = now,
        NextAttemptAt = now,
        SentAt = sentAt,
        Attempts = sentAt is null ? 0 : 1,
    };

    private static void Check(IdentityResult result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    public Task DisposeAsync()
    {
        Postgres.Dispose();
        Target.Dispose();
        Sqlite.Dispose();
        return Task.CompletedTask;
    }
}

[Trait("Database", "Postgres")]
public sealed class CopyToPostgresTests(CopiedSite site) : IClassFixture<CopiedSite>
{
    [Fact]
    public void The_seed_puts_rows_in_every_table_of_the_model()
    {
        // Keeps the copy test honest as the model grows: a new table needs a row in CopiedSite's seed (the demo's
        // parts fill most; a feature's demo share is where its rows belong).
        Assert.Empty(site.SourceRows.Where(t => t.Value == 0).Select(t => t.Key));
    }


    [Fact]
    public async Task Every_table_arrives_with_all_its_rows()
    {
        Assert.True(site.ExitCode == 0, site.Output);
        Assert.Equal(site.SourceRows, site.CopiedRows);
    }

    [Fact]
    public async Task The_member_stays_signed_in_and_can_sign_in_again_with_the_same_password()
    {
        var page = await site.Postgres.CreateClient(site.Jar).GetPageAsync("/");
        Assert.NotNull(page.QuerySelector("nav.account-nav form button")); // the cookie from the SQLite site
        Assert.Equal(site.Member.DisplayName, page.QuerySelector("nav.account-nav .user-menu summary")?.TextContent.Trim());

        await site.Postgres.CreateClient(new CookieContainer()).SignInAsync(site.Member.Email!);
    }

    [Fact]
    public async Task Two_factor_settings_roles_claims_logins_and_instants_are_kept()
    {
        await site.Postgres.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var member = (await users.FindByIdAsync(site.Member.Id))!;
            Assert.Equal(5, await users.CountRecoveryCodesAsync(member));
            Assert.NotNull(await users.GetAuthenticatorKeyAsync(member));
            Assert.True(await users.IsInRoleAsync(member, Roles.Organiser));
            Assert.Contains(await users.GetClaimsAsync(member), c => c.Type == "dialogue:test" && c.Value == "copied");
            Assert.Single(await users.GetLoginsAsync(member), l => l.ProviderKey == "key-1");
            Assert.Equal(CopiedSite.SuspendedUntil, member.SuspendedUntil); // the same instant, now in UTC
            Assert.Equal(TimeSpan.Zero, member.SuspendedUntil!.Value.Offset);
            var settings = await sp.GetRequiredService<DialogueDbContext>().SiteSettings.SingleAsync();
            Assert.Equal(RegistrationMode.InvitationOnly, settings.RegistrationMode);
            Assert.True(settings.RequireTwoFactorForStaff);
            return true;
        });
    }

    [Fact]
    public async Task Unsent_mail_goes_out_from_the_new_site_and_sent_mail_does_not_go_again()
    {
        await site.Postgres.SendOutboxAsync();

        var pending = Assert.Single(await site.Postgres.OutboxToAsync("pending@test.dialogue"));
        var sent = Assert.Single(await site.Postgres.OutboxToAsync("sent@test.dialogue"));
        Assert.NotNull(pending.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(site.UnsentAtCopy, Directory.GetFiles(Path.Combine(site.Postgres.DataDirectory, "mail"), "*.eml").Length);
    }

    [Fact]
    public async Task New_rows_on_the_new_site_get_fresh_ids()
    {
        var before = await site.Postgres.WithDbAsync(db => db.Invitations.MaxAsync(i => i.Id));
        var admin = await site.Postgres.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == CopiedSite.AdminEmail));
        var now = site.Postgres.Clock.GetUtcNow();

        var added = await site.Postgres.WithDbAsync(async db =>
        {
            var invitation = new Invitation { TokenHash = new string('b', 64), Email = "new@test.dialogue", InvitedById = admin.Id, CreatedAt = now, ExpiresAt = now.AddDays(1) };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });

        Assert.True(added > before);
    }

    [Fact]
    public async Task A_second_copy_into_the_same_database_is_refused_and_changes_nothing()
    {
        var before = await site.Postgres.WithDbAsync(CopiedSite.RowsPerTableAsync);
        var output = new StringWriter();

        var exit = await CopyToPostgresCommand.RunAsync(
            ["copy-to-postgres", site.Target.ConnectionString, "--Database:Provider=Sqlite", $"--Database:ConnectionString={site.Sqlite.Database.ConnectionString}"],
            output,
            CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("not empty", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await site.Postgres.WithDbAsync(CopiedSite.RowsPerTableAsync));
    }
}
