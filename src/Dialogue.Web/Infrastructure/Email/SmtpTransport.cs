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
        var smtp = email.CurrentValue.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException ex) when (IsPermanentRejection(ex))
        {
            throw new MessageRejectedException($"{(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (Exception ex) when (IsServerFault(ex) && !ct.IsCancellationRequested)
        {
            throw new MailServerUnavailableException($"{smtp.Host}:{smtp.Port}: {ex.GetType().Name}: {ex.Message}", ex);
        }

        // The server has accepted the message (its reply to the end of DATA): from here on it is sent, whatever QUIT does.
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            logger.LogInformation("Message {MessageId} was accepted; closing the SMTP connection failed ({Error}), which loses nothing",
                message.MessageId, ex.Message);
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
        IOException or TimeoutException or System.Net.Sockets.SocketException => true,
        // MailKit reports its own timeout on a read as a cancellation of a token it owns, not the caller's.
        OperationCanceledException => true,
        _ => false,
    };
}
