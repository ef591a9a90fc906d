using System.Diagnostics;
using System.Text.Json;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Http;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>What an operator sees when starting the app: a clear line instead of a stack trace, Production unless asked.</summary>
public sealed class StartUpTests
{
    [Fact]
    public async Task Start_up_on_a_database_it_cannot_write_names_the_file_and_the_cause_and_exits_with_1()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dialogue-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Root ignores file permissions, so a read-only open stands in for a read-only folder: SQLite answers error 14.
            var file = Path.Combine(folder, "dialogue.db");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dialogue.Web.dll")])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["App__DataDirectory"] = folder;
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["Database__ConnectionString"] = $"Data Source={file};Mode=ReadOnly";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var log = await output + await error;

            Assert.Equal(1, process.ExitCode);
            Assert.Contains($"The SQLite database {file} cannot be opened for writing", log, StringComparison.Ordinal);
            Assert.Contains("cannot be opened or created", log, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_default_run_profile_is_Production_and_Development_is_a_profile_one_chooses()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Dialogue.sln")))
        {
            directory = directory.Parent;
        }
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "src/Dialogue.Web/Properties/launchSettings.json")));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        string? Environment(JsonProperty profile) =>
            profile.Value.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var value)
                ? value.GetString() : null;

        // `dotnet run` takes the first profile; without a setting the environment is Production.
        Assert.Contains(Environment(profiles[0]), new string?[] { null, "Production" });
        Assert.Equal("Development", Environment(profiles.Single(p => p.Name == "Development")));
    }

    [Fact]
    public void A_public_url_that_is_not_an_http_url_stops_the_start()
    {
        using var factory = new DialogueFactory();
        factory.Settings["App:PublicUrl"] = "dialogue.example.org";
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("App:PublicUrl must be an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080", false)]
    [InlineData("http://localhost:5080", "http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", "http://localhost:5391", true)]
    [InlineData("http://localhost:5080", "http://0.0.0.0:5080", true)]
    [InlineData("http://localhost:5080", "http://[::]:8080", true)]
    [InlineData("https://forum.example.org", "http://127.0.0.1:5080", false)]
    [InlineData("https://forum.example.org", "http://0.0.0.0:8080", false)]
    [InlineData("forum.example.org", "http://0.0.0.0:8080", true)]
    public void A_public_url_that_cannot_reach_the_app_is_reported(string publicUrl, string listening, bool reported)
    {
        Assert.Equal(reported, PublicUrlCheck.Problem(publicUrl, [listening]) is not null);
    }
}
