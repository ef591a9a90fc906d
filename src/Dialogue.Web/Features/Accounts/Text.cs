namespace Dialogue.Web.Features.Accounts;

/// <summary>Marker for the Accounts feature's UI text (Resources/Features/Accounts/Text.zh-Hans.resx).</summary>
public sealed class Text;
