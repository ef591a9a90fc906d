namespace Dialogue.Web.Features.Spaces;

/// <summary>Marker for the Spaces feature's UI text (Resources/Features/Spaces/Text.zh-Hans.resx).</summary>
public sealed class Text;
