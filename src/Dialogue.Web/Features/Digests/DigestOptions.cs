using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Digests;

namespace Dialogue.Web.Features.Digests;

public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>Recipients per background job that the scheduler enqueues.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Most recipients one scheduler run hands out; the rest wait for the next run.</summary>
    [Range(1, 1_000_000)]
    public int MaxRecipientsPerScan { get; set; } = 20_000;

    /// <summary>How long a claimed period stays with its worker; after that a dead worker's period is reclaimed.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the scheduler waits for an enqueued batch before handing its recipients out again.</summary>
    public TimeSpan ScanLease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts at building one period before it is left as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a public subscriber's confirmation link works; a new one is sent only after it expires.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The mailbox in the List-Unsubscribe mailto link; empty means "unsubscribe@" the sender's domain, "-" leaves it out.</summary>
    public string? UnsubscribeMailbox { get; set; }

    /// <summary>The schedule of the public (CLEAR) digest for subscribers without an account.</summary>
    public PublicDigestOptions Public { get; set; } = new();
}

public sealed class PublicDigestOptions
{
    public DigestFrequency Frequency { get; set; } = DigestFrequency.Weekly;

    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;

    [Range(0, 23)]
    public int Hour { get; set; } = 8;

    /// <summary>IANA zone of <see cref="Hour"/>.</summary>
    public string TimeZone { get; set; } = "UTC";
}
