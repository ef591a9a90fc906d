namespace Dialogue.Web.Infrastructure;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The site's public base URL; every link in an email starts with it (never the request's Host header).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>Folder for the SQLite file and the mail pickup folder, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public string Link(string pathAndQuery) => PublicUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
}
