namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>Marker for the workshop series' UI text (Resources/Features/Workshops/Series/Text.zh-Hans.resx).</summary>
public sealed class Text;
