namespace Dialogue.Web.Features.Privacy.AccessReviews;

/// <summary>Marker for the access review's UI text (Resources/Features/Privacy/AccessReviews/Text.zh-Hans.resx).</summary>
public sealed class Text;
