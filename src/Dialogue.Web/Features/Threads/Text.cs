namespace Dialogue.Web.Features.Threads;

/// <summary>Marker for the Threads feature's UI text (Resources/Features/Threads/Text.zh-Hans.resx).</summary>
public sealed class Text;
