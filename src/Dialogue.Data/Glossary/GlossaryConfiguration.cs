using Dialogue.Data.Accounts;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Glossary;

// Authorship uses SetNull or Restrict like threads: removing an account must not cascade through shared entries.

internal sealed class GlossaryConfiguration : IEntityTypeConfiguration<Glossary>
{
    public void Configure(EntityTypeBuilder<Glossary> glossary)
    {
        glossary.ToTable("Glossaries");
        glossary.Property(g => g.Name).HasMaxLength(200);
        glossary.Property(g => g.Description).HasMaxLength(4000);
        glossary.Property(g => g.Version).IsConcurrencyToken();
        glossary.HasOne(g => g.Space).WithMany().HasForeignKey(g => g.SpaceId).OnDelete(DeleteBehavior.Restrict);
        glossary.HasOne<DialogueUser>().WithMany().HasForeignKey(g => g.CreatedById).OnDelete(DeleteBehavior.SetNull);
        glossary.HasIndex(g => g.SpaceId);
        glossary.HasIndex(g => g.Label);
    }
}

internal sealed class GlossaryEditorConfiguration : IEntityTypeConfiguration<GlossaryEditor>
{
    public void Configure(EntityTypeBuilder<GlossaryEditor> editor)
    {
        editor.HasKey(e => new { e.GlossaryId, e.UserId });
        editor.HasOne<Glossary>().WithMany(g => g.Editors).HasForeignKey(e => e.GlossaryId).OnDelete(DeleteBehavior.Cascade);
        editor.HasOne<DialogueUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        editor.HasOne<DialogueUser>().WithMany().HasForeignKey(e => e.AppointedById).OnDelete(DeleteBehavior.SetNull);
        editor.HasIndex(e => e.UserId);
    }
}

internal sealed class ConceptConfiguration : IEntityTypeConfiguration<Concept>
{
    public void Configure(EntityTypeBuilder<Concept> concept)
    {
        concept.ToTable("GlossaryConcepts");
        concept.Property(c => c.SubjectField).HasMaxLength(200);
        concept.Property(c => c.Note).HasMaxLength(4000);
        concept.HasOne(c => c.Glossary).WithMany(g => g.Concepts).HasForeignKey(c => c.GlossaryId).OnDelete(DeleteBehavior.Cascade);
        concept.HasOne<DiscussionThread>().WithMany().HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.SetNull);
        concept.HasIndex(c => new { c.GlossaryId, c.IsDeleted, c.SubjectField });
        concept.HasIndex(c => new { c.GlossaryId, c.UpdatedAt });
        concept.HasIndex(c => c.ThreadId);
    }
}

internal sealed class ConceptLanguageConfiguration : IEntityTypeConfiguration<ConceptLanguage>
{
    public void Configure(EntityTypeBuilder<ConceptLanguage> language)
    {
        language.ToTable("GlossaryConceptLanguages");
        language.Property(l => l.LanguageTag).HasMaxLength(35);
        language.Property(l => l.Definition).HasMaxLength(4000);
        language.Property(l => l.DefinitionSource).HasMaxLength(500);
        language.HasOne<Concept>().WithMany(c => c.Languages).HasForeignKey(l => l.ConceptId).OnDelete(DeleteBehavior.Cascade);
        language.HasIndex(l => new { l.ConceptId, l.LanguageTag }).IsUnique();
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> term)
    {
        term.ToTable("GlossaryTerms");
        term.Property(t => t.LanguageTag).HasMaxLength(35);
        term.Property(t => t.Text).HasMaxLength(300);
        term.Property(t => t.NormalizedText).HasMaxLength(300);
        term.Property(t => t.Source).HasMaxLength(500);
        term.Property(t => t.UsageContext).HasMaxLength(1000);
        term.Property(t => t.Note).HasMaxLength(2000);
        term.HasOne<Concept>().WithMany(c => c.Terms).HasForeignKey(t => t.ConceptId).OnDelete(DeleteBehavior.Cascade);
        term.HasOne<Glossary>().WithMany().HasForeignKey(t => t.GlossaryId).OnDelete(DeleteBehavior.Restrict);
        // One concept names a term once per language.
        term.HasIndex(t => new { t.ConceptId, t.LanguageTag, t.NormalizedText }).IsUnique();
        // Lookup by term in one glossary and language (matching, per-language index), and across glossaries (search).
        term.HasIndex(t => new { t.GlossaryId, t.LanguageTag, t.NormalizedText });
        term.HasIndex(t => new { t.NormalizedText, t.LanguageTag });
    }
}

internal sealed class ConceptRelationConfiguration : IEntityTypeConfiguration<ConceptRelation>
{
    public void Configure(EntityTypeBuilder<ConceptRelation> relation)
    {
        relation.ToTable("GlossaryConceptRelations");
        relation.HasKey(r => new { r.ConceptId, r.RelatedConceptId });
        relation.HasOne<Concept>().WithMany(c => c.Relations).HasForeignKey(r => r.ConceptId).OnDelete(DeleteBehavior.Cascade);
        relation.HasOne<Concept>().WithMany().HasForeignKey(r => r.RelatedConceptId).OnDelete(DeleteBehavior.Restrict);
        relation.HasIndex(r => r.RelatedConceptId);
    }
}

internal sealed class ConceptRevisionConfiguration : IEntityTypeConfiguration<ConceptRevision>
{
    public void Configure(EntityTypeBuilder<ConceptRevision> revision)
    {
        revision.ToTable("GlossaryConceptRevisions");
        revision.Property(r => r.SnapshotJson).HasMaxLength(200_000);
        revision.Property(r => r.Summary).HasMaxLength(500);
        revision.HasOne<Concept>().WithMany().HasForeignKey(r => r.ConceptId).OnDelete(DeleteBehavior.Cascade);
        revision.HasOne<DialogueUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.SetNull);
        revision.HasOne<GlossaryProposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.SetNull);
        revision.HasIndex(r => new { r.ConceptId, r.Number }).IsUnique();
        // The digest's "changes since" per glossary goes through the concept; recency alone is indexed here.
        revision.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class GlossaryProposalConfiguration : IEntityTypeConfiguration<GlossaryProposal>
{
    public void Configure(EntityTypeBuilder<GlossaryProposal> proposal)
    {
        proposal.ToTable("GlossaryProposals");
        proposal.Property(p => p.SnapshotJson).HasMaxLength(200_000);
        proposal.Property(p => p.Summary).HasMaxLength(1000);
        proposal.Property(p => p.Reason).HasMaxLength(2000);
        proposal.HasOne(p => p.Glossary).WithMany().HasForeignKey(p => p.GlossaryId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasOne(p => p.Concept).WithMany().HasForeignKey(p => p.ConceptId).OnDelete(DeleteBehavior.Restrict);
        proposal.HasOne<DialogueUser>().WithMany().HasForeignKey(p => p.ProposerId).OnDelete(DeleteBehavior.Restrict);
        proposal.HasOne<DialogueUser>().WithMany().HasForeignKey(p => p.ReviewerId).OnDelete(DeleteBehavior.SetNull);
        proposal.HasIndex(p => new { p.GlossaryId, p.Status, p.CreatedAt });
        proposal.HasIndex(p => new { p.ProposerId, p.CreatedAt });
        proposal.HasIndex(p => p.ConceptId);
    }
}

/// <summary>
/// A glossary notification names its proposal through a shadow property, so the notification entity (Threads) needs
/// no glossary field; the glossary feature reads it with EF.Property and checks the glossary's access when shown.
/// </summary>
public sealed class GlossaryNotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const string ProposalId = "GlossaryProposalId";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property<long?>(ProposalId);
        builder.HasOne<GlossaryProposal>().WithMany().HasForeignKey(ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
