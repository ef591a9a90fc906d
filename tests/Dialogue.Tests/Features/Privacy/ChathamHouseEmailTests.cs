using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Features.Email;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>Mention emails about Chatham House posts, read back as raw MIME from the real SMTP server: the author is a pseudonym, whatever the label.</summary>
public sealed class ChathamHouseEmailTests
{
    [Theory]
    [InlineData(SensitivityLabel.Clear, true)]
    [InlineData(SensitivityLabel.Green, true)]
    [InlineData(SensitivityLabel.Amber, true)]
    [InlineData(SensitivityLabel.AmberStrict, false)]
    [InlineData(SensitivityLabel.Red, false)]
    public async Task A_mention_email_names_the_author_and_the_mentioned_by_pseudonym_only(SensitivityLabel label, bool namesSomeone)
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var mentioned = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        foreach (var member in new[] { author, mentioned, other })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        await factory.StartChathamThreadAsync(space.Id, author, label, ThreadsWorld.Unique("Under the rule"),
            $"Question for @{mentioned.Email} and @{other.Email}: what did you measure?", mentioned, other);

        Assert.Equal(1 + 1, await factory.SendOutboxAsync());
        var email = Assert.Single(await MailDev.ToAsync(mentioned.Email!));
        var everything = DigestMail.Everything(await MailDev.RawAsync(email.Id));

        Assert.DoesNotContain(author.DisplayName, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(author.Id, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(other.DisplayName, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(author.Email!, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Email!, everything, StringComparison.Ordinal);
        // Named in the order they appeared: the author 1, then the mentioned members 2 and 3.
        Assert.Equal(namesSomeone, everything.Contains("Participant 1 mentioned you", StringComparison.Ordinal));
        Assert.Equal(namesSomeone, everything.Contains("@Participant 3", StringComparison.Ordinal));
    }
}
