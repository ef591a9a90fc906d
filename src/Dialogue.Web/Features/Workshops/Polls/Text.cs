namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>Marker for the availability polls' UI text (Resources/Features/Workshops/Polls/Text.zh-Hans.resx).</summary>
public sealed class Text;
