namespace Dialogue.Web.Features.Invitations;

/// <summary>Marker for the Invitations feature's UI text (Resources/Features/Invitations/Text.zh-Hans.resx).</summary>
public sealed class Text;
