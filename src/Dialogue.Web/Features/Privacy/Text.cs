namespace Dialogue.Web.Features.Privacy;

/// <summary>Marker for the Privacy feature's UI text (Resources/Features/Privacy/Text.zh-Hans.resx).</summary>
public sealed class Text;
