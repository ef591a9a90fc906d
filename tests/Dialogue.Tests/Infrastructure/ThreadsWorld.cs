using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Infrastructure;

/// <summary>Spaces, members and threads made straight through the app's services, for tests about what is shown to whom.</summary>
public static class ThreadsWorld
{
    public static Task<Space> CreateSpaceAsync(this DialogueFactory factory, SensitivityLabel label = SensitivityLabel.Clear,
        SpaceJoinPolicy policy = SpaceJoinPolicy.Open, string? name = null) => factory.WithDbAsync(async db =>
    {
        var slug = "s-" + Guid.NewGuid().ToString("N")[..12];
        var space = new Space { Name = name ?? "Space " + slug, Slug = slug, Description = "About " + slug, DefaultLabel = label, JoinPolicy = policy, CreatedAt = factory.Clock.GetUtcNow() };
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        return space;
    });

    public static Task AddToSpaceAsync(this DialogueFactory factory, long spaceId, DialogueUser user, SpaceRole role = SpaceRole.Member,
        SpaceMemberStatus status = SpaceMemberStatus.Active) => factory.WithDbAsync(async db =>
    {
        db.SpaceMembers.Add(new SpaceMember { SpaceId = spaceId, UserId = user.Id, Role = role, Status = status, CreatedAt = factory.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// Many active members at once, written directly (no password, no roles, never signed in): for pages that list or
    /// choose among a big space's members, where creating each through Identity would only slow the test.
    /// </summary>
    public static Task<int> AddManyToSpaceAsync(this DialogueFactory factory, long spaceId, int count, Func<int, string> email, Func<int, string> displayName) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            for (var i = 0; i < count; i++)
            {
                var address = email(i);
                var user = new DialogueUser
                {
                    UserName = address,
                    NormalizedUserName = address.ToUpperInvariant(),
                    Email = address,
                    NormalizedEmail = address.ToUpperInvariant(),
                    EmailConfirmed = true,
                    DisplayName = displayName(i),
                    CreatedAt = now,
                    ApprovedAt = now,
                };
                db.Users.Add(user);
                db.SpaceMembers.Add(new SpaceMember { SpaceId = spaceId, UserId = user.Id, CreatedAt = now });
            }
            return await db.SaveChangesAsync();
        });

    public static Task<DiscussionThread> StartThreadAsync(this DialogueFactory factory, long spaceId, DialogueUser author, SensitivityLabel label,
        string title, string body, params DialogueUser[] participants) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DialogueDbContext>();
        var viewer = await ViewerLoader.ForUserAsync(db, author.Id, CancellationToken.None);
        return await sp.GetRequiredService<Posting>().StartThreadAsync(
            new Posting.NewThread(spaceId, title, label, [], body, [.. participants.Select(p => p.Id)]), viewer, CancellationToken.None);
    });

    public static Task<Post> ReplyAsync(this DialogueFactory factory, long threadId, DialogueUser author, string body) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DialogueDbContext>();
        var viewer = await ViewerLoader.ForUserAsync(db, author.Id, CancellationToken.None);
        return await sp.GetRequiredService<Posting>().ReplyAsync(threadId, body, viewer, CancellationToken.None);
    });

    public static Task<Post> FirstPostAsync(this DialogueFactory factory, long threadId) =>
        factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.ThreadId == threadId && p.Number == 1));

    public static Task<DialogueUser> AdminAsync(this DialogueFactory factory)
    {
        var normalized = DialogueFactory.AdminEmail.ToUpperInvariant();
        return factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized));
    }

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..10];
}
