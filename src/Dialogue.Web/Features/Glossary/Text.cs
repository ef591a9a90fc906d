namespace Dialogue.Web.Features.Glossary;

/// <summary>Marker for the Glossary feature's UI text (Resources/Features/Glossary/Text.zh-Hans.resx).</summary>
public sealed class Text;
