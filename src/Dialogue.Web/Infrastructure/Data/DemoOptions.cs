namespace Dialogue.Web.Infrastructure.Data;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Fill an empty site with a few members, spaces and posts so a newcomer sees a living site.</summary>
    public bool Seed { get; set; }
}
