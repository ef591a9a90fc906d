namespace Dialogue.Web.Features.Members;

/// <summary>Marker for the Members feature's UI text (Resources/Features/Members/Text.zh-Hans.resx).</summary>
public sealed class Text;
