using System.Collections.Concurrent;
using Dialogue.Web.Infrastructure.Email;
using MimeKit;

namespace Dialogue.Tests.Features.ScaleOut;

/// <summary>Every message that any node's transport accepted, with the node that sent it.</summary>
public sealed class MailLog
{
    public ConcurrentQueue<(string MessageId, string Node)> Sent { get; } = new();

    public sealed class Transport(MailLog log, string node) : IMailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            // A real server takes a moment; the pause lets the other node's sender run meanwhile.
            await Task.Delay(5, ct);
            log.Sent.Enqueue((message.MessageId ?? "", node));
        }
    }
}
