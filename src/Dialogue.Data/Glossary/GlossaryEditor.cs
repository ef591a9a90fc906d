namespace Dialogue.Data.Glossary;

/// <summary>A member appointed to curate one glossary (accept proposals, edit entries).</summary>
public class GlossaryEditor
{
    public long GlossaryId { get; set; }
    public string UserId { get; set; } = "";
    public string? AppointedById { get; set; }
    public DateTimeOffset AppointedAt { get; set; }
}
