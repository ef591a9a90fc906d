namespace Dialogue.Web.Features.Glossary.Linking;

/// <summary>Marker for the auto-linking texts (Resources/Features/Glossary/Linking/Text.zh-Hans.resx).</summary>
public sealed class Text;
