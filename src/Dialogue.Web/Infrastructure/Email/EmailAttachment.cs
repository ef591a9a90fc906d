namespace Dialogue.Web.Infrastructure.Email;

/// <summary>A file to send with a message; <see cref="ContentType"/> is the full MIME type with its parameters.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
