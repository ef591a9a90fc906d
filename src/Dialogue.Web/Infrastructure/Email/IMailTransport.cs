using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

public interface IMailTransport
{
    /// <summary>
    /// Returns once the server (or the pickup folder) has accepted the message; throws otherwise. A failure after the
    /// server accepted it (at QUIT, say) is not a failure: the message is delivered and must not be sent again.
    /// Throws <see cref="MessageRejectedException"/> when the server refuses this message for good, and
    /// <see cref="MailServerUnavailableException"/> when the fault is the server's rather than the message's.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>
    /// A session for sending several messages in a row, as the sender's run does; each send means what
    /// <see cref="SendAsync"/> means. A transport with connections to reuse (SMTP) keeps one open across the session.
    /// </summary>
    IMailSession OpenSession() => new OneByOne(this);

    private sealed class OneByOne(IMailTransport transport) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => transport.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Messages sent one after the other, over one connection where the transport has them; disposing closes it.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <inheritdoc cref="IMailTransport.SendAsync"/>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>The server refused the message for good (a 5xx reply to its recipient or its content); resending cannot help.</summary>
public sealed class MessageRejectedException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The server could not be used at all (unreachable, silent, dropped the connection, refused our credentials): the next
/// message would fare no better, so the sender stops its run and leaves the rest for the next one.
/// </summary>
public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);
