using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Embargo;

// The release job scans embargoes falling due by time. Thread lists once subtracted a thread's embargoed replies with the
// (ThreadId, EmbargoUntil) index; they now count shown posts through ShownPostsConfiguration's index instead.

internal sealed class EmbargoedThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> thread) => thread.HasIndex(t => t.EmbargoUntil);
}

internal sealed class EmbargoedPostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.HasIndex(p => p.EmbargoUntil);
        post.HasIndex(p => new { p.ThreadId, p.EmbargoUntil });
    }
}
