using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Threads;

/// <summary>
/// Thread lists count, per thread, the posts a reader sees (approved, not deleted, not scheduled): with every column of
/// that test in the index the count reads index entries only, never the posts' text.
/// </summary>
internal sealed class ShownPostsConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post) =>
        post.HasIndex(p => new { p.ThreadId, p.Status, p.IsDeleted, p.EmbargoUntil });
}
