namespace Dialogue.Web.Features.Workshops;

/// <summary>Marker for the Workshops feature's UI text (Resources/Features/Workshops/Text.zh-Hans.resx).</summary>
public sealed class Text;
