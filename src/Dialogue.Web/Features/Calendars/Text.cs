namespace Dialogue.Web.Features.Calendars;

/// <summary>Marker for the Calendars feature's UI text (Resources/Features/Calendars/Text.zh-Hans.resx).</summary>
public sealed class Text;
