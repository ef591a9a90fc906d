using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using static Dialogue.Tests.Features.Access.AccessMatrixTests;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>
/// A Chatham House thread of every label, read by every kind of viewer: no surface names its authors, links to their
/// profiles or carries their account id, whether the viewer may read the thread or not, moderators included (they see
/// who is who only after an explicit, audited reveal). Its author writes nowhere else in this world, so any trace of
/// them on a page comes from the Chatham House thread.
/// </summary>
public sealed class ChathamHouseMatrixTests(World world) : IClassFixture<World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<World, Setup> Setups = [];

    private sealed record Setup(DialogueUser Author, Dictionary<SensitivityLabel, DiscussionThread> Threads, Dictionary<SensitivityLabel, Post> Openings);

    public static string TokenOf(SensitivityLabel label) => $"chathamtoken{label}";

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(AccessMatrixTests))]
    public async Task No_surface_names_a_Chatham_House_author_to_any_viewer(SensitivityLabel label, Kind kind)
    {
        var setup = await SetupAsync();
        var expected = Reads[kind][(int)label];
        var thread = setup.Threads[label];
        var client = await world.ClientAsync(kind);
        var pages = new List<(string Url, string Html)>();
        foreach (var url in new[]
        {
            $"/Threads/{thread.Id}", $"/Threads/Post/{setup.Openings[label].Id}", $"/Threads/History?postId={setup.Openings[label].Id}",
            $"/Search?q={TokenOf(label)}", "/", $"/Spaces/{world.Space.Slug}",
        })
        {
            pages.Add((url, await (await client.GetAsync(url)).Content.ReadAsStringAsync()));
        }
        if (kind != Kind.Stranger)
        {
            pages.Add(("/Threads/Notifications", await client.GetStringAsync("/Threads/Notifications")));
            pages.Add(("quote", await (await client.GetAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={setup.Openings[label].Id}")).Content.ReadAsStringAsync()));
        }

        foreach (var (url, html) in pages)
        {
            Assert.False(html.Contains(setup.Author.DisplayName, StringComparison.Ordinal), $"{url} names the author to {kind} on {label}");
            Assert.False(html.Contains(setup.Author.Id, StringComparison.Ordinal), $"{url} carries the author's id for {kind} on {label}");
        }
        var threadPage = pages[0].Html;
        Assert.Equal(expected, threadPage.Contains("Participant 1", StringComparison.Ordinal));
        // The opening post mentions the RED participant, and its reply quotes the opening and mentions its author: all as pseudonyms.
        Assert.Equal(expected, threadPage.Contains("@Participant 2", StringComparison.Ordinal));
        Assert.Equal(expected, threadPage.Contains("Participant 1 wrote:", StringComparison.Ordinal));
        Assert.Equal(expected, threadPage.Contains("@Participant 1", StringComparison.Ordinal));
        Assert.Equal(expected, threadPage.Contains("Chatham House Rule", StringComparison.Ordinal));
        Assert.Equal(expected, pages[2].Html.Contains("By Participant 1", StringComparison.Ordinal));
        var search = pages[3].Html;
        Assert.Equal(expected, search.Contains(thread.Title, StringComparison.Ordinal));
        Assert.Equal(expected, search.Contains("Participant 1", StringComparison.Ordinal));
        if (kind != Kind.Stranger)
        {
            // Every signed-in viewer may read the CLEAR thread, so its notification names its author by pseudonym.
            Assert.Contains("Participant 1 replied in", pages[6].Html, StringComparison.Ordinal);
            Assert.Equal(expected, pages[6].Html.Contains(thread.Title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Searching_by_a_Chatham_House_authors_name_finds_none_of_their_posts()
    {
        var setup = await SetupAsync();
        var client = await world.ClientAsync(Kind.RedParticipant);
        var html = await client.GetStringAsync($"/Search?q={TokenOf(SensitivityLabel.Clear)}&author={Uri.EscapeDataString(setup.Author.DisplayName)}");
        Assert.DoesNotContain(setup.Threads[SensitivityLabel.Clear].Title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_authors_profile_lists_none_of_their_Chatham_House_posts()
    {
        var setup = await SetupAsync();
        var html = await (await world.ClientAsync(Kind.SpaceMember)).GetStringAsync($"/Members/{setup.Author.Id}");
        foreach (var thread in setup.Threads.Values)
        {
            Assert.DoesNotContain(thread.Title, html, StringComparison.Ordinal);
        }
    }

    private async Task<Setup> SetupAsync()
    {
        await world.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (Setups.TryGetValue(world, out var done))
            {
                return done;
            }
            var author = await world.CreateMemberAsync();
            await world.AddToSpaceAsync(world.Space.Id, author);
            var participant = world.User(Kind.RedParticipant);
            var threads = new Dictionary<SensitivityLabel, DiscussionThread>();
            var openings = new Dictionary<SensitivityLabel, Post>();
            foreach (var label in Enum.GetValues<SensitivityLabel>())
            {
                var thread = await world.StartChathamThreadAsync(world.Space.Id, author, label, ThreadsWorld.Unique($"Chatham-{label}"),
                    $"{TokenOf(label)} opening words, asking @{participant.Email}", participant);
                var opening = await world.FirstPostAsync(thread.Id);
                await world.EditAsync(opening.Id, author, $"{TokenOf(label)} opening words, edited, asking @{participant.Email}");
                await world.ReplyAsync(thread.Id, participant, $"> [quote={opening.Id}]\n> opening words\n\nAnswering @{author.Email} in kind.");
                threads[label] = thread;
                openings[label] = opening;
            }
            await world.WithDbAsync(async db =>
            {
                foreach (var kind in Enum.GetValues<Kind>().Where(k => k != Kind.Stranger))
                {
                    foreach (var label in Enum.GetValues<SensitivityLabel>())
                    {
                        db.Notifications.Add(new Notification
                        {
                            RecipientId = world.User(kind).Id,
                            Kind = NotificationKind.Reply,
                            ThreadId = threads[label].Id,
                            PostId = openings[label].Id,
                            ActorId = author.Id,
                            CreatedAt = world.Clock.GetUtcNow(),
                        });
                    }
                }
                await db.SaveChangesAsync();
            });
            return Setups[world] = new Setup(author, threads, openings);
        }
        finally
        {
            Gate.Release();
        }
    }
}
