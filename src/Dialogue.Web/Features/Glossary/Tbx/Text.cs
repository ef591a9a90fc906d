namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>Marker for the glossary exchange pages' UI text (Resources/Features/Glossary/Tbx/Text.zh-Hans.resx).</summary>
public sealed class Text;
