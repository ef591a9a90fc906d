namespace Dialogue.Web;

/// <summary>Marker for the UI text shared by every feature: layout, navigation, common validation messages.</summary>
public sealed class SharedText;
