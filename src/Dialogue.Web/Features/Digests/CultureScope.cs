using System.Globalization;

namespace Dialogue.Web.Features.Digests;

/// <summary>Runs a block in another language (a recipient's), restoring the caller's on dispose.</summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    private CultureScope(CultureInfo culture, CultureInfo uiCulture)
    {
        this.culture = culture;
        this.uiCulture = uiCulture;
    }

    public static CultureScope Use(CultureInfo target)
    {
        var scope = new CultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = target;
        return scope;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
