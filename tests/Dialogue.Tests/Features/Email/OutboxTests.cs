using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dialogue.Data;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Email;

public sealed class OutboxTests
{
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<long> QueueAsync(DialogueFactory factory, string to, string body) => SmtpFactory.QueueAsync(factory, to, body);

    [Fact]
    public async Task Message_waits_while_SMTP_is_down_and_is_delivered_exactly_once_when_it_is_back()
    {
        var to = $"retry-{Guid.NewGuid():N}@test.dialogue";
        long id;
        var down = new SmtpFactory(ClosedPort()) { KeepDataDirectory = true };
        await using (down)
        {
            id = await QueueAsync(down, to, "Body survives a restart");
            Assert.Equal(0, await down.SendOutboxAsync());
            var failed = await down.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            Assert.Null(failed.SentAt);
            Assert.Equal(1, failed.Attempts);
            Assert.NotNull(failed.LastError);
            Assert.True(failed.NextAttemptAt > down.Clock.GetUtcNow(), "a failed message is retried later, with backoff");

            // Not due yet: a second run leaves it alone.
            Assert.Equal(0, await down.SendOutboxAsync());
            Assert.Equal(1, await down.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync()));
        }

        // The app restarts on the same database, now with the SMTP server reachable.
        using var database = down.Database;
        await using var up = new SmtpFactory(MailDev.SmtpPort, down.DataDirectory);
        up.UseDatabase(database);
        up.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await up.SendOutboxAsync());
        Assert.Equal(0, await up.SendOutboxAsync());

        var delivered = await MailDev.ToAsync(to);
        var email = Assert.Single(delivered);
        Assert.Equal("Hello from the outbox", email.Subject);
        var sent = await up.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.NotNull(sent.SentAt);
        var raw = await MailDev.RawAsync(email.Id);
        Assert.Equal(sent.MessageId, raw.MessageId);
    }

    [Fact]
    public async Task Delivered_message_is_multipart_with_html_and_plain_text()
    {
        var to = $"multipart-{Guid.NewGuid():N}@test.dialogue";
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        await QueueAsync(factory, to, "Fish & <chips>");
        Assert.Equal(1, await factory.SendOutboxAsync());

        var raw = await MailDev.RawAsync(Assert.Single(await MailDev.ToAsync(to)).Id);
        Assert.Equal("multipart/alternative", raw.Body?.ContentType.MimeType);
        Assert.Contains("Fish & <chips>", raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open Dialogue <http://localhost/threads/1?a=1&b=2>", raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fish &amp; &lt;chips&gt;", raw.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/threads/1?a=1&amp;b=2\"", raw.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resend_after_a_crash_before_stamping_keeps_the_same_Message_ID()
    {
        var to = $"resend-{Guid.NewGuid():N}@test.dialogue";
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var id = await QueueAsync(factory, to, "Sent twice by a crash");
        Assert.Equal(1, await factory.SendOutboxAsync());

        // The process died after the server accepted the message and before SentAt was written.
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTimeOffset?)null)));
        Assert.Equal(1, await factory.SendOutboxAsync());

        var delivered = await MailDev.ToAsync(to);
        Assert.Equal(2, delivered.Count);
        var ids = await Task.WhenAll(delivered.Select(async e => (await MailDev.RawAsync(e.Id)).MessageId));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Pickup_transport_writes_one_eml_file_per_message_named_after_its_Message_ID()
    {
        await using var factory = new DialogueFactory();
        var to = $"pickup-{Guid.NewGuid():N}@test.dialogue";
        var id = await QueueAsync(factory, to, "To the pickup folder");
        Assert.Equal(1, await factory.SendOutboxAsync());

        var messageId = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.MessageId).SingleAsync());
        var file = Path.Combine(factory.DataDirectory, "mail", messageId + ".eml");
        Assert.True(File.Exists(file), $"expected {file}");
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(to, message.To.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(30, 3600)]
    public void Retry_delay_doubles_up_to_the_maximum(int attempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxSender.RetryDelay(attempts, TimeSpan.FromHours(1)));
}
