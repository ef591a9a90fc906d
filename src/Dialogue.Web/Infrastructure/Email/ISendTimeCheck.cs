using Dialogue.Data.Email;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// What the sender asks of a message just before it goes out, because the rules about its content may have changed
/// since it was written (a label raised). The sensitivity model implements it; the plumbing only calls it.
/// </summary>
public interface ISendTimeCheck
{
    /// <returns>The message to send: the one given, or a redacted version of it.</returns>
    Task<OutboxMessage> ApplyAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>The same check for several messages at once, asked in one query.</summary>
    /// <returns>The messages to send, in the order given: each the one given, or a redacted version of it.</returns>
    Task<IReadOnlyList<OutboxMessage>> ApplyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct);
}
