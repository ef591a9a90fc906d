using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dialogue.Tests.Features.Email;

/// <summary>
/// A tiny SMTP server on a loopback port that misbehaves on demand: it can answer every command late, never answer
/// at all, refuse a recipient for good (550), or drop the connection right after it accepted a message, so QUIT fails.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public TestSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The wait before each reply, the greeting included.</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Accept connections and never say a word.</summary>
    public bool Hang { get; set; }

    /// <summary>Close the connection as soon as a message was accepted (its 250 after DATA sent), before QUIT.</summary>
    public bool DropAfterData { get; set; }

    /// <summary>Run with each message's Message-ID once its data is in and before the server accepts it (a change made meanwhile).</summary>
    public Func<string, Task>? BeforeAccepting { get; set; }

    /// <summary>Recipients answered with a permanent 550 at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Message-ID of every message accepted, once per acceptance.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    /// <summary>Every RCPT TO address received, whether accepted or not.</summary>
    public ConcurrentQueue<string> Recipients { get; } = new();

    public int Connections => connections;

    private int connections;

    public int AcceptedCount(string messageId) => Accepted.Count(id => id == messageId);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var ct = stop.Token;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            await ReplyAsync(stream, "220 test.smtp ESMTP", ct);
            string? to = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO" or "HELO":
                        await ReplyAsync(stream, "250 test.smtp", ct);
                        break;
                    case "MAIL" or "RSET" or "NOOP":
                        await ReplyAsync(stream, "250 OK", ct);
                        break;
                    case "RCPT":
                        to = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                        Recipients.Enqueue(to);
                        await ReplyAsync(stream, Refused.ContainsKey(to) ? "550 5.1.1 No such mailbox here" : "250 OK", ct);
                        break;
                    case "DATA":
                        await ReplyAsync(stream, "354 Go ahead", ct);
                        var messageId = "";
                        while (await reader.ReadLineAsync(ct) is { } data && data != ".")
                        {
                            if (messageId.Length == 0 && data.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
                            {
                                messageId = data["Message-Id:".Length..].Trim().Trim('<', '>');
                            }
                        }
                        if (BeforeAccepting is { } beforeAccepting)
                        {
                            await beforeAccepting(messageId);
                        }
                        await ReplyAsync(stream, "250 2.0.0 Accepted", ct);
                        Accepted.Enqueue(messageId);
                        if (DropAfterData)
                        {
                            client.Client.Close(0);
                            return;
                        }
                        break;
                    case "QUIT":
                        await ReplyAsync(stream, "221 Bye", ct);
                        return;
                    default:
                        await ReplyAsync(stream, "502 Not implemented", ct);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: the connection is over either way.
        }
    }

    private async Task ReplyAsync(Stream stream, string reply, CancellationToken ct)
    {
        if (ReplyDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReplyDelay, ct);
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
