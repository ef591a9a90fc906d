using System.Collections.Concurrent;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Dialogue.Tests.Features.Email;

/// <summary>The app sending through a real SMTP server on <paramref name="port"/>, keeping every log entry it writes.</summary>
public class SmtpFactory : DialogueFactory
{
    public SmtpFactory(int port, string? dataDirectory = null)
    {
        Settings["Email:Transport"] = "Smtp";
        Settings["Email:Smtp:Host"] = "127.0.0.1";
        Settings["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
        Settings["Email:Smtp:Security"] = "None";
        Settings["Email:Smtp:Timeout"] = "00:00:05";
        if (dataDirectory is not null)
        {
            Settings["App:DataDirectory"] = dataDirectory;
        }
    }

    /// <summary>The system clock instead of the test's: runs, leases and timeouts measured as an operator meets them.</summary>
    public bool RealClock { get; init; }

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            if (RealClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(TimeProvider.System);
            }
        });
    }

    public static Task<long> QueueAsync(DialogueFactory factory, string to, string body, string kind = "test") => factory.WithScopeAsync(async sp =>
    {
        var outbox = sp.GetRequiredService<Outbox>();
        var message = await outbox.AddAsync<PlainEmail>(
            new EmailRecipient(to, "Test Member", CultureInfo.GetCultureInfo("en")),
            kind,
            () => "Hello from the outbox",
            new Dictionary<string, object?> { ["Body"] = body, ["Link"] = "http://localhost/threads/1?a=1&b=2" });
        await sp.GetRequiredService<DialogueDbContext>().SaveChangesAsync();
        return message.Id;
    });
}

/// <summary>Every log entry of an app, as written (the formatted message and the exception, if any).</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
