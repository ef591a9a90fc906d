using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

public interface IMailTransport
{
    /// <summary>Returns once the server (or the pickup folder) has accepted the message; throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
