using System.Globalization;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Cryptography;

namespace Dialogue.Tests.Features.Digests;

/// <summary>The sensitivity model's email column, asserted on the raw MIME as the mail server received it.</summary>
public sealed class DigestEmailTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private const string RedTitle = "Red title RD1mk7";

    /// <summary>One item of every label, each with a title, excerpt and body that can be searched for.</summary>
    private static void AddOneOfEachLabel(DigestsFactory factory, string address)
    {
        var at = factory.Clock.GetUtcNow();
        TestSection.Add(address, at, TestSection.Item(SensitivityLabel.Clear, "Clear title CL1mk7", "Clear excerpt CL2mk7", "Clear body CL3mk7", "http://localhost/Threads/clear-thread"));
        TestSection.Add(address, at, TestSection.Item(SensitivityLabel.Green, "Green title GR1mk7", "Green excerpt GR2mk7", "Green body GR3mk7", "http://localhost/Threads/green-thread"));
        TestSection.Add(address, at, TestSection.Item(SensitivityLabel.Amber, "Amber title AM1mk7", "Amber excerpt AM2mk7", "Amber body AM3mk7", "http://localhost/Threads/amber-thread"));
        TestSection.Add(address, at, TestSection.Item(SensitivityLabel.AmberStrict, "Strict title ST1mk7", "Strict excerpt ST2mk7", "Strict body ST3mk7", "http://localhost/Threads/strict-thread")
            with
        { Author = new ContentAuthor("strict-author", "Stella Strictauthor") });
        TestSection.Add(address, at, TestSection.Item(SensitivityLabel.Red, RedTitle, "Red excerpt RD2mk7", "Red body RD3mk7", "http://localhost/Threads/red-thread")
            with
        { Author = new ContentAuthor("red-author", "Rosa Redauthor"), Detail = "7 replies RD4mk7" });
    }

    private static async Task<(string Raw, MimeMessage Message)> DeliverAndSendAsync(DigestsFactory factory, string address)
    {
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        await factory.SendOutboxAsync();
        var digest = Assert.Single(await factory.DigestsToAsync(address));
        return await DigestMail.PickedUpAsync(factory, digest);
    }

    [Fact]
    public async Task Email_carries_of_each_label_exactly_what_the_sensitivity_model_allows()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        AddOneOfEachLabel(factory, member.Email!);

        var (raw, message) = await DeliverAndSendAsync(factory, member.Email!);
        var all = DigestMail.Everything(message);

        Assert.Equal("[TLP:RED] Dialogue daily digest", message.Subject);
        // CLEAR and GREEN: full text.
        Assert.Contains("Clear title CL1mk7", all, StringComparison.Ordinal);
        Assert.Contains("Clear body CL3mk7", all, StringComparison.Ordinal);
        Assert.Contains("Green title GR1mk7", all, StringComparison.Ordinal);
        Assert.Contains("Green body GR3mk7", all, StringComparison.Ordinal);
        // AMBER: title and excerpt, not the body.
        Assert.Contains("Amber title AM1mk7", all, StringComparison.Ordinal);
        Assert.Contains("Amber excerpt AM2mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Amber body AM3mk7", all, StringComparison.Ordinal);
        // AMBER+STRICT: a notice and a link, nothing of the content or its author.
        Assert.Contains("New activity in a restricted thread", all, StringComparison.Ordinal);
        Assert.Contains("http://localhost/Threads/strict-thread", all, StringComparison.Ordinal);
        foreach (var secret in new[] { "ST1mk7", "ST2mk7", "ST3mk7", "Stella" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
        // RED: no title, no content, no author, no link; one content-free line.
        Assert.Contains("You have activity in a thread, sign in to read it.", all, StringComparison.Ordinal);
        foreach (var secret in new[] { "RD1mk7", "RD2mk7", "RD3mk7", "RD4mk7", "Rosa", "red-thread" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { SensitivityLabel.Clear }, "[TLP:CLEAR] Dialogue daily digest")]
    [InlineData(new[] { SensitivityLabel.Clear, SensitivityLabel.Green }, "[TLP:GREEN] Dialogue daily digest")]
    [InlineData(new[] { SensitivityLabel.Green, SensitivityLabel.Amber }, "[TLP:AMBER] Dialogue daily digest")]
    [InlineData(new[] { SensitivityLabel.AmberStrict, SensitivityLabel.Clear }, "[TLP:AMBER+STRICT] Dialogue daily digest")]
    public async Task Subject_carries_the_highest_label_in_the_message(SensitivityLabel[] labels, string subject)
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        foreach (var label in labels)
        {
            TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(label, "Item " + label));
        }
        var (_, message) = await DeliverAndSendAsync(factory, member.Email!);
        Assert.Equal(subject, message.Subject);
    }

    [Fact]
    public async Task Admin_setting_makes_the_email_column_stricter_and_a_laxer_value_is_never_used()
    {
        await using var factory = new DigestsFactory();
        await factory.WithDbAsync(db => db.DigestEmailSettings.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Amber, EmailDetail.TitleOnly)
            .SetProperty(x => x.Green, EmailDetail.TitleAndExcerpt)
            // A value written behind the admin page's back cannot loosen the table.
            .SetProperty(x => x.AmberStrict, EmailDetail.FullText)
            .SetProperty(x => x.Red, EmailDetail.FullText)));
        var member = await factory.MemberWithDigestAsync(hour: 10);
        AddOneOfEachLabel(factory, member.Email!);

        var (raw, message) = await DeliverAndSendAsync(factory, member.Email!);
        var all = DigestMail.Everything(message);

        Assert.Contains("Amber title AM1mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Amber excerpt AM2mk7", all, StringComparison.Ordinal);
        Assert.Contains("Green excerpt GR2mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Green body GR3mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("ST1mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain(RedTitle, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(RedTitle, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_is_multipart_readable_without_images_with_both_unsubscribe_headers_and_links()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "Fish & <chips>", body: "Line one\n\nLine two"));

        var (_, message) = await DeliverAndSendAsync(factory, member.Email!);

        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.Contains("Fish & <chips>", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fish &amp; &lt;chips&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.OrdinalIgnoreCase);

        var listUnsubscribe = DigestMail.Header(message, "List-Unsubscribe");
        Assert.Matches(@"^<mailto:unsubscribe@localhost\?subject=unsubscribe%20[^>]+>, <http://localhost/Digests/Unsubscribe\?token=[^>]+>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", DigestMail.Header(message, "List-Unsubscribe-Post"));

        var links = Links.In(message.HtmlBody!).ToList();
        Assert.Contains(links, l => l.StartsWith("http://localhost/Digests/Unsubscribe?token=", StringComparison.Ordinal));
        Assert.Contains("http://localhost/Digests/Settings", links);
        Assert.Contains(links, l => l.StartsWith("http://localhost/Digests/View/", StringComparison.Ordinal));
        Assert.Contains("Unsubscribe <http://localhost/Digests/Unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Manage digest preferences <http://localhost/Digests/Settings>", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_is_written_in_the_recipients_language()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10, culture: "zh-Hans");
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.AmberStrict, "Secret"));

        var (_, message) = await DeliverAndSendAsync(factory, member.Email!);

        Assert.Equal("[TLP:AMBER+STRICT] Dialogue 每日摘要", message.Subject);
        Assert.Contains("受限讨论串中有新动态", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("退订", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("zh-Hans", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.HtmlBody!).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Public_subscriber_gets_only_clear_items_even_when_a_section_offers_more()
    {
        await using var factory = new DigestsFactory();
        var address = $"public-{Guid.NewGuid():N}@test.dialogue";
        var now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            db.PublicSubscribers.Add(new PublicSubscriber
            {
                Email = address,
                UiCulture = "en",
                ConfirmationTokenHash = Guid.NewGuid().ToString("N"),
                ConfirmationSentAt = now,
                ConfirmedAt = now,
                CreatedAt = now,
                NextDueAt = now,
            });
            await db.SaveChangesAsync();
        });
        AddOneOfEachLabel(factory, address);

        // The public digest goes out on Mondays at 08:00 UTC: the first is a week later.
        await factory.RunUntilAsync(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        await factory.SendOutboxAsync();
        var digest = Assert.Single(await factory.DigestsToAsync(address));
        var (_, message) = await DigestMail.PickedUpAsync(factory, digest);
        var all = DigestMail.Everything(message);

        Assert.Equal("[TLP:CLEAR] Dialogue public weekly digest", message.Subject);
        Assert.Contains("Clear body CL3mk7", all, StringComparison.Ordinal);
        foreach (var withheld in new[] { "GR1mk7", "AM1mk7", "restricted thread", "RD1mk7", "sign in to read it", "/Digests/View/", "/Digests/Settings" })
        {
            Assert.DoesNotContain(withheld, all, StringComparison.Ordinal);
        }
        Assert.Contains("/Digests/Unsubscribe?token=", DigestMail.Header(message, "List-Unsubscribe"), StringComparison.Ordinal);
    }

    private sealed class DkimFactory : DigestsFactory
    {
        public DkimFactory(string privatePem, int? smtpPort = null)
        {
            Settings["Email:FromAddress"] = "digest@dialogue.test";
            Settings["Email:Dkim:Domain"] = "dialogue.test";
            Settings["Email:Dkim:Selector"] = "mail2026";
            Settings["Email:Dkim:PrivateKeyPem"] = privatePem;
            if (smtpPort is { } port)
            {
                Settings["Email:Transport"] = "Smtp";
                Settings["Email:Smtp:Host"] = "127.0.0.1";
                Settings["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
                Settings["Email:Smtp:Security"] = "None";
                Settings["Email:Smtp:Timeout"] = "00:00:05";
            }
        }
    }

    private static async Task AssertDkimCoversUnsubscribeAndVerifiesAsync(MimeMessage message, string txtRecord)
    {
        var signature = message.Headers.First(h => h.Id == HeaderId.DkimSignature);
        var tags = signature.Value.Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).Replace("\r\n", "", StringComparison.Ordinal);
        var signed = tags.Split(';').Single(t => t.StartsWith("h=", StringComparison.Ordinal))[2..].ToLowerInvariant().Split(':');
        Assert.Contains("list-unsubscribe", signed);
        Assert.Contains("list-unsubscribe-post", signed);
        Assert.Contains("from", signed);
        Assert.Contains("subject", signed);
        Assert.Contains("d=dialogue.test", tags, StringComparison.Ordinal);

        var locator = new DigestMail.OneKeyLocator(txtRecord);
        Assert.True(await new DkimVerifier(locator).VerifyAsync(message, signature), "the DKIM signature does not verify");
        Assert.Equal(("dialogue.test", "mail2026"), Assert.Single(locator.Lookups));

        // And it breaks when someone changes a signed header, such as the unsubscribe link.
        message.Headers["List-Unsubscribe"] = "<https://evil.example/unsubscribe>";
        Assert.False(await new DkimVerifier(locator).VerifyAsync(message, signature));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DKIM_signature_covers_both_unsubscribe_headers_and_verifies(bool pkcs8)
    {
        var (pem, txt) = DigestMail.NewDkimKey(pkcs8);
        await using var factory = new DkimFactory(pem);
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Signed news"));

        var (_, message) = await DeliverAndSendAsync(factory, member.Email!);
        await AssertDkimCoversUnsubscribeAndVerifiesAsync(message, txt);
    }

    [Fact]
    public async Task Digests_go_through_a_real_SMTP_server_signed_and_redacted_one_per_recipient()
    {
        var (pem, txt) = DigestMail.NewDkimKey(pkcs8: false);
        await using var factory = new DkimFactory(pem, MailDev.SmtpPort);
        var english = await factory.MemberWithDigestAsync(hour: 10);
        var chinese = await factory.MemberWithDigestAsync(hour: 18, zone: "Asia/Shanghai", culture: "zh-Hans");
        AddOneOfEachLabel(factory, english.Email!);
        AddOneOfEachLabel(factory, chinese.Email!);

        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        await factory.SendOutboxAsync();
        await factory.RunUntilAsync(TenOClock.AddMinutes(30));
        await factory.SendOutboxAsync();

        foreach (var (member, subject) in new[] { (english, "[TLP:RED] Dialogue daily digest"), (chinese, "[TLP:RED] Dialogue 每日摘要") })
        {
            var received = Assert.Single(await MailDev.ToAsync(member.Email!));
            Assert.Equal(subject, received.Subject);
            var raw = await MailDev.RawAsync(received.Id);
            var all = DigestMail.Everything(raw);
            Assert.DoesNotContain(RedTitle, all, StringComparison.Ordinal);
            Assert.DoesNotContain("RD1mk7", all, StringComparison.Ordinal);
            Assert.Contains("Clear body CL3mk7", all, StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", DigestMail.Header(raw, "List-Unsubscribe-Post"));
            await AssertDkimCoversUnsubscribeAndVerifiesAsync(raw, txt);
        }
    }
}
