using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Dialogue.Benchmarks;

/// <summary>
/// maildev (the SMTP server the tests use, from tests/tools/node_modules) on free loopback ports, writing each message
/// it accepts as an .eml file, so the harness can count what arrived; or a server already running (--smtp host:port).
/// </summary>
public sealed class LocalSmtp : IAsyncDisposable
{
    private readonly Process? process;

    private LocalSmtp(string host, int port, Process? process, string? mailDirectory)
    {
        Host = host;
        Port = port;
        this.process = process;
        MailDirectory = mailDirectory;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Where maildev writes what it accepted; null for a server the harness did not start.</summary>
    public string? MailDirectory { get; }

    public string Name => process is null ? $"SMTP server at {Host}:{Port}" : $"maildev on 127.0.0.1:{Port}";

    /// <summary>CPU time of the server process so far, when the harness started it.</summary>
    public TimeSpan? ServerCpu
    {
        get
        {
            if (process is null)
            {
                return null;
            }
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<LocalSmtp> StartAsync(string? existing, string workDirectory)
    {
        if (existing is { Length: > 0 })
        {
            var colon = existing.LastIndexOf(':');
            return new LocalSmtp(existing[..colon], int.Parse(existing[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), null, null);
        }
        var maildev = FindMaildev();
        var mailDirectory = Path.Combine(workDirectory, "maildev");
        Directory.CreateDirectory(mailDirectory);
        var smtp = FreePort();
        var web = FreePort();
        var start = new ProcessStartInfo(maildev)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mailDirectory })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalSmtp("127.0.0.1", smtp, process, mailDirectory);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, smtp);
                return server;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    break;
                }
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"maildev ({maildev}) did not listen on 127.0.0.1:{smtp}");
    }

    /// <summary>How many messages the server has written since the last <see cref="Clear"/>; null when unknown.</summary>
    public int? Received => MailDirectory is null ? null : Directory.EnumerateFiles(MailDirectory, "*.eml").Count();

    public long ReceivedBytes => MailDirectory is null ? 0 : Directory.EnumerateFiles(MailDirectory, "*.eml").Sum(f => new FileInfo(f).Length);

    public void Clear()
    {
        if (MailDirectory is null)
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(MailDirectory))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The server's own rate: pre-built messages sent with MailKit over one connection, as the outbox sender sends a
    /// batch, with nothing else to do between two messages.
    /// </summary>
    public async Task<TimeSpan> SendRawAsync(IReadOnlyList<MimeMessage> messages, int connections = 1)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(messages.Chunk((messages.Count + connections - 1) / connections).Select(share => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            await Dialogue.Web.Infrastructure.Email.SmtpTransport.ConnectAsync(client, Host, Port, SecureSocketOptions.None, TimeSpan.FromSeconds(30), CancellationToken.None);
            foreach (var message in share)
            {
                await client.SendAsync(message);
            }
            await client.DisconnectAsync(quit: true);
        })));
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
    }

    private static string FindMaildev()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "node_modules", ".bin", "maildev");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            "maildev not found in tests/tools/node_modules: install it with `npm ci --prefix tests/tools` (tests/run.sh does), or give --smtp host:port");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
