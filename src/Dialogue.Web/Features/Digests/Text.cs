namespace Dialogue.Web.Features.Digests;

/// <summary>Marker for the Digests feature's UI and email text (Resources/Features/Digests/Text.zh-Hans.resx).</summary>
public sealed class Text;
