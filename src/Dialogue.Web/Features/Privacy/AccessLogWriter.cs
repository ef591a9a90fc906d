using Dialogue.Data;
using Dialogue.Data.Moderation;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Writes <see cref="AccessLog"/> entries in batches: as soon as <see cref="AccessLogOptions.BatchSize"/> entries wait,
/// or <see cref="AccessLogOptions.FlushInterval"/> after the first one of a batch arrived, whichever comes first. At
/// shutdown it drains the channel before the host stops. A process that dies without shutting down loses the entries
/// still in memory: at most one interval's worth (docs/architecture.md). A batch the database refuses is retried a few
/// times, then logged as an error with its size and dropped, so one bad batch cannot stop the log for good.
/// </summary>
public sealed partial class AccessLogWriter(AccessLog log, IServiceScopeFactory scopes, IOptions<AccessLogOptions> options, ILogger<AccessLogWriter> logger)
    : BackgroundService
{
    private const int Attempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batch = new List<ThreadAccessLogEntry>(options.Value.BatchSize);
        // Reading is not cancelled by shutdown: StopAsync completes the channel, and the loop ends once it is drained.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            using (var window = new CancellationTokenSource(options.Value.FlushInterval))
            {
                try
                {
                    while (batch.Count < options.Value.BatchSize)
                    {
                        if (reader.TryRead(out var entry))
                        {
                            batch.Add(entry);
                        }
                        else if (!await reader.WaitToReadAsync(window.Token))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                    // The interval is up: write what we have.
                }
            }
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<ThreadAccessLogEntry> batch)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DialogueDbContext>();
                db.ThreadAccessLog.AddRange(batch.Select(e => new ThreadAccessLogEntry
                {
                    UserId = e.UserId,
                    ThreadId = e.ThreadId,
                    PostId = e.PostId,
                    Surface = e.Surface,
                    At = e.At,
                }));
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                LogRetry(ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception ex)
            {
                LogDropped(ex, batch.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} access log entries failed (attempt {Attempt}); retrying.")]
    private partial void LogRetry(Exception ex, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} access log entries: the database refused them.")]
    private partial void LogDropped(Exception ex, int count);
}
