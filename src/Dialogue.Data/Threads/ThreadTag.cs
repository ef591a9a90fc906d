namespace Dialogue.Data.Threads;

public class ThreadTag
{
    public long ThreadId { get; set; }
    /// <summary>Lower-case, trimmed.</summary>
    public string Tag { get; set; } = "";
}
