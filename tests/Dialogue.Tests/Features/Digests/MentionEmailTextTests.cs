using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using MimeKit;

namespace Dialogue.Tests.Features.Digests;

/// <summary>The plain-text part of a mention email, read from the raw MIME a mail client gets.</summary>
public sealed class MentionEmailTextTests
{
    [Fact]
    public async Task A_mention_emails_text_part_keeps_the_posts_paragraphs_and_list_items()
    {
        await using var factory = new DigestsFactory();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var mentioned = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, mentioned);
        var handle = "@" + mentioned.Email!.Split('@')[0];
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Plans"),
            $"{handle} first paragraph PARA1.\n\nSecond paragraph PARA2.\n\n- item one LI1\n- item two LI2\n\nLast words PARA3.");

        await factory.SendOutboxAsync();
        var message = Assert.Single(await factory.OutboxToAsync(mentioned.Email));
        var (raw, mime) = await DigestMail.PickedUpAsync(factory, message);

        Assert.Contains("multipart/alternative", raw, StringComparison.OrdinalIgnoreCase);
        var text = mime.BodyParts.OfType<TextPart>().Single(p => p.IsPlain).Text.ReplaceLineEndings("\n");
        Assert.Contains("PARA1.\n\nSecond paragraph PARA2.\n\n- item one LI1\n- item two LI2\n\nLast words PARA3.", text, StringComparison.Ordinal);
    }
}
