namespace Dialogue.Web.Features.Digests;

/// <summary>One recipient's digest period in a batch: the content of [<see cref="Since"/>, <see cref="Until"/>) as they may read it.</summary>
public sealed record DigestWindow(DigestRecipient Recipient, DateTimeOffset Since, DateTimeOffset Until);
