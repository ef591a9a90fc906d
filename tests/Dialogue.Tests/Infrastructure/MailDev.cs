using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;

namespace Dialogue.Tests.Infrastructure;

/// <summary>The real SMTP server that tests/run.sh starts (maildev), read back through its web API.</summary>
public static class MailDev
{
    public static int SmtpPort => int.Parse(Required("DIALOGUE_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    private static readonly HttpClient Http = new() { BaseAddress = new Uri(Required("DIALOGUE_TEST_MAILDEV_URL")) };

    public sealed record Email(string Id, string Subject, [property: JsonPropertyName("to")] List<Mailbox> To);

    public sealed record Mailbox(string Address);

    public static async Task<List<Email>> ToAsync(string address) =>
        await Http.GetFromJsonAsync<List<Email>>($"/api/email?to.address={Uri.EscapeDataString(address)}") ?? [];

    /// <summary>The message exactly as the server received it.</summary>
    public static async Task<MimeMessage> RawAsync(string id)
    {
        await using var stream = await Http.GetStreamAsync($"/api/email/{id}/source");
        return await MimeMessage.LoadAsync(stream);
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests with `bash tests/run.sh`, which starts the SMTP server.");
}
