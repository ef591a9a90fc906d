using Dialogue.Data.AccessReviews;
using Dialogue.Data.Accounts;
using Dialogue.Data.Admin;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Glossary;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;
using Dialogue.Data.Site;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops;
using Dialogue.Data.Workshops.Polls;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dialogue.Data;

public class DialogueDbContext(DbContextOptions<DialogueDbContext> options)
    : IdentityDbContext<DialogueUser>(options), IDataProtectionKeyContext
{
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutboxMessageThread> OutboxMessageThreads => Set<OutboxMessageThread>();
    public DbSet<OutboxMessageSubject> OutboxMessageSubjects => Set<OutboxMessageSubject>();
    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();
    public DbSet<DigestSubscription> DigestSubscriptions => Set<DigestSubscription>();
    public DbSet<PublicSubscriber> PublicSubscribers => Set<PublicSubscriber>();
    public DbSet<DigestLedgerEntry> DigestLedger => Set<DigestLedgerEntry>();
    public DbSet<DigestEmailSettings> DigestEmailSettings => Set<DigestEmailSettings>();
    public DbSet<DigestPreviewAudit> DigestPreviewAudits => Set<DigestPreviewAudit>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    public DbSet<Space> Spaces => Set<Space>();
    public DbSet<SpaceMember> SpaceMembers => Set<SpaceMember>();
    public DbSet<DiscussionThread> Threads => Set<DiscussionThread>();
    public DbSet<ThreadTag> ThreadTags => Set<ThreadTag>();
    public DbSet<ThreadParticipant> ThreadParticipants => Set<ThreadParticipant>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<Watch> Watches => Set<Watch>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<ReadState> ReadStates => Set<ReadState>();

    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<ModerationLogEntry> ModerationLog => Set<ModerationLogEntry>();
    public DbSet<MemberSilence> MemberSilences => Set<MemberSilence>();
    public DbSet<ThreadAccessLogEntry> ThreadAccessLog => Set<ThreadAccessLogEntry>();
    public DbSet<ThreadPseudonym> ThreadPseudonyms => Set<ThreadPseudonym>();

    public DbSet<Workshop> Workshops => Set<Workshop>();
    public DbSet<WorkshopOrganiser> WorkshopOrganisers => Set<WorkshopOrganiser>();
    public DbSet<WorkshopSession> WorkshopSessions => Set<WorkshopSession>();
    public DbSet<WorkshopSessionSpeaker> WorkshopSessionSpeakers => Set<WorkshopSessionSpeaker>();
    public DbSet<WorkshopRegistration> WorkshopRegistrations => Set<WorkshopRegistration>();
    public DbSet<WorkshopPoll> WorkshopPolls => Set<WorkshopPoll>();
    public DbSet<WorkshopPollSlot> WorkshopPollSlots => Set<WorkshopPollSlot>();
    public DbSet<WorkshopPollInvitee> WorkshopPollInvitees => Set<WorkshopPollInvitee>();
    public DbSet<WorkshopPollAnswer> WorkshopPollAnswers => Set<WorkshopPollAnswer>();
    public DbSet<Glossary.Glossary> Glossaries => Set<Glossary.Glossary>();
    public DbSet<GlossaryEditor> GlossaryEditors => Set<GlossaryEditor>();
    public DbSet<Concept> GlossaryConcepts => Set<Concept>();
    public DbSet<ConceptLanguage> GlossaryConceptLanguages => Set<ConceptLanguage>();
    public DbSet<Term> GlossaryTerms => Set<Term>();
    public DbSet<ConceptRelation> GlossaryConceptRelations => Set<ConceptRelation>();
    public DbSet<ConceptRevision> GlossaryConceptRevisions => Set<ConceptRevision>();
    public DbSet<GlossaryProposal> GlossaryProposals => Set<GlossaryProposal>();
    public DbSet<WorkshopCalendarFeed> WorkshopCalendarFeeds => Set<WorkshopCalendarFeed>();
    public DbSet<WorkshopSeries> WorkshopSeries => Set<WorkshopSeries>();
    public DbSet<WorkshopReminder> WorkshopReminders => Set<WorkshopReminder>();
    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<RetentionPeriod> RetentionPeriods => Set<RetentionPeriod>();
    public DbSet<RetentionPurge> RetentionPurges => Set<RetentionPurge>();
    public DbSet<AccessReview> AccessReviews => Set<AccessReview>();
    public DbSet<AccessReviewItem> AccessReviewItems => Set<AccessReviewItem>();
    public DbSet<AccessReviewInterval> AccessReviewIntervals => Set<AccessReviewInterval>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DialogueDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type and EF cannot compare or sort DateTimeOffset stored as text there;
        // every instant is UTC, so a sortable integer keeps queries in SQL.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
