using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Dialogue.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Pickup;

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "dialogue@localhost";

    public string FromName { get; set; } = "Dialogue";

    /// <summary>Where the pickup transport writes .eml files; empty means "mail" inside App:DataDirectory.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Messages claimed per run of the sending job.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Longest wait between two attempts at an unsent message; the wait doubles up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Leave empty for a server that needs no authentication; set the password from the environment.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum EmailTransportKind
{
    Pickup,
    Smtp,
}
