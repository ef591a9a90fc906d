namespace Dialogue.Web.Features.Search;

/// <summary>Marker for the Search feature's UI text (Resources/Features/Search/Text.zh-Hans.resx).</summary>
public sealed class Text;
