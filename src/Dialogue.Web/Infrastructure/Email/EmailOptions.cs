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

    /// <summary>
    /// Messages claimed together, sent over one connection and stamped in one commit. A crash after the server accepted
    /// some of them and before the stamp resends at most this many, each with its own Message-ID.
    /// </summary>
    [Range(1, 1_000)]
    public int SendBatchSize { get; set; } = 50;

    /// <summary>Longest wait between two attempts at an unsent message; the wait doubles up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a sender holds a message it claimed; another sender takes it over only after that. A send that takes
    /// longer than half of it is abandoned (and retried later), so a claim never runs out while its message is on the wire.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A run of the sending job claims no new message after this long; the rest wait for the next run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendRunLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>DKIM signing of every outgoing message; off unless a domain, a selector and a key are given.</summary>
    public DkimOptions Dkim { get; set; } = new();
}

public sealed class DkimOptions
{
    /// <summary>The signing domain (d=), normally the domain of FromAddress.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at {Selector}._domainkey.{Domain}.</summary>
    public string? Selector { get; set; }

    /// <summary>Path of the RSA private key in PEM form.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The RSA private key in PEM form, for a key given through the environment; wins over the path.</summary>
    public string? PrivateKeyPem { get; set; }

    public bool Enabled =>
        !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector)
        && (!string.IsNullOrWhiteSpace(PrivateKeyPem) || !string.IsNullOrWhiteSpace(PrivateKeyPath));
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

    /// <summary>The longest wait for one step of a conversation with the server (connecting, each reply).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum EmailTransportKind
{
    Pickup,
    Smtp,
}
