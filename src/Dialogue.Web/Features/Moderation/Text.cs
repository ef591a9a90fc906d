namespace Dialogue.Web.Features.Moderation;

/// <summary>Marker for the Moderation feature's UI text (Resources/Features/Moderation/Text.zh-Hans.resx).</summary>
public sealed class Text;
