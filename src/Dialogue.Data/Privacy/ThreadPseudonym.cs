namespace Dialogue.Data.Privacy;

/// <summary>
/// A member's stable pseudonym in one Chatham House thread ("Participant <see cref="Number"/>"). Written once,
/// in the transaction that writes the member's first post (or first mention) there, so a number never changes
/// and never passes to someone else; numbers start at 1 per thread, so the same member has unrelated numbers
/// in different threads.
/// </summary>
public class ThreadPseudonym
{
    public long ThreadId { get; set; }
    public string UserId { get; set; } = "";
    public int Number { get; set; }
}
