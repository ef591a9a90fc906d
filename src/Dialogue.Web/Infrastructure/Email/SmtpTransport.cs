using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

public sealed class SmtpTransport(IOptionsMonitor<EmailOptions> email, ILogger<SmtpTransport> logger) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var session = OpenSession();
        await session.SendAsync(message, ct);
    }

    /// <summary>One connection for a whole run: connecting (and TLS, and authenticating) costs more than a message.</summary>
    public IMailSession OpenSession() => new Session(email.CurrentValue.Smtp, logger);

    private sealed class Session(SmtpOptions smtp, ILogger logger) : IMailSession
    {
        private SmtpClient? client;
        private int sentOnConnection;

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            if (client is { IsConnected: true } && sentOnConnection > 0)
            {
                try
                {
                    await SendOnceAsync(message, ct);
                    return;
                }
                catch (MailServerUnavailableException ex) when (!ct.IsCancellationRequested)
                {
                    // A server may close a connection between two messages (an idle limit, a message limit per
                    // connection) and we learn it only at the next command: one attempt on a fresh connection.
                    logger.LogInformation("The SMTP connection failed after {Count} messages ({Error}); reconnecting", sentOnConnection, ex.Message);
                }
            }
            await SendOnceAsync(message, ct);
        }

        private async Task SendOnceAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                if (client is not { IsConnected: true })
                {
                    Drop();
                    client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
                    await ConnectAsync(client, smtp.Host, smtp.Port, smtp.Security, smtp.Timeout, ct);
                    if (!string.IsNullOrEmpty(smtp.UserName))
                    {
                        await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
                    }
                }
                await client.SendAsync(message, ct);
                sentOnConnection++;
            }
            catch (SmtpCommandException ex) when (IsPermanentRejection(ex))
            {
                Drop();
                throw new MessageRejectedException($"{(int)ex.StatusCode} {ex.Message}", ex);
            }
            catch (Exception ex) when (IsServerFault(ex) && !ct.IsCancellationRequested)
            {
                Drop();
                throw new MailServerUnavailableException($"{smtp.Host}:{smtp.Port}: {ex.GetType().Name}: {ex.Message}", ex);
            }
            catch
            {
                // Whatever state the conversation was left in (a cancelled send, say), the next message starts afresh.
                Drop();
                throw;
            }
        }

        private void Drop()
        {
            client?.Dispose();
            client = null;
            sentOnConnection = 0;
        }

        public async ValueTask DisposeAsync()
        {
            if (client is { IsConnected: true })
            {
                // Every message sent was accepted (the server's reply to the end of DATA): whatever QUIT does loses nothing.
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or TimeoutException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
                {
                    logger.LogInformation("Closing the SMTP connection after {Count} accepted messages failed ({Error}), which loses nothing",
                        sentOnConnection, ex.Message);
                }
            }
            Drop();
        }
    }

    /// <summary>
    /// Connects with Nagle's algorithm off. MailKit writes the end of a message (".") as a small write of its own right
    /// after the body, and with Nagle on that write waits for the server's delayed ACK of the body (40 ms on Linux): one
    /// connection then carried about 22 messages a second whatever the server (to maildev on loopback: 22 with
    /// MailKit's own connect, about 500 with this one).
    /// </summary>
    public static async Task ConnectAsync(SmtpClient client, string host, int port, SecureSocketOptions security, TimeSpan timeout, CancellationToken ct)
    {
        // Dual mode tries every address the host name resolves to, IPv4 and IPv6 alike.
        var socket = Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        try
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connecting.CancelAfter(timeout);
                try
                {
                    await socket.ConnectAsync(host, port, connecting.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new TimeoutException($"No connection to {host}:{port} within {timeout.TotalSeconds:0} s");
                }
            }
            await client.ConnectAsync(socket, host, port, security, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A 5xx reply to RCPT TO or to the message itself: this message will never be accepted by this server.</summary>
    private static bool IsPermanentRejection(SmtpCommandException ex) =>
        (int)ex.StatusCode is >= 500 and < 600
        && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    /// <summary>
    /// A fault of the connection or the server, not of this message: connecting failed, a reply never came, the
    /// connection dropped, the server answered out of protocol, our credentials or sender address were refused.
    /// </summary>
    private static bool IsServerFault(Exception ex) => ex switch
    {
        // Refusing our sender address, or an unexpected answer outside a recipient or a message (the greeting, EHLO).
        SmtpCommandException command => command.ErrorCode is SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.UnexpectedStatusCode
            || (int)command.StatusCode == 421,
        SmtpProtocolException or AuthenticationException or ServiceNotConnectedException or ServiceNotAuthenticatedException => true,
        IOException or TimeoutException or SocketException => true,
        // MailKit reports its own timeout on a read as a cancellation of a token it owns, not the caller's.
        OperationCanceledException => true,
        _ => false,
    };
}
