namespace Dialogue.Web.Features.Admin;

/// <summary>Marker for the Admin feature's UI text (Resources/Features/Admin/Text.zh-Hans.resx).</summary>
public sealed class Text;
