namespace Dialogue.Web.Features.Access;

/// <summary>Marker for the sensitivity labels' UI text (Resources/Features/Access/Text.zh-Hans.resx).</summary>
public sealed class Text;
