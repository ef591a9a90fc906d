using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Dialogue.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide, and its types take their loggers once, in static initialisers. A host that
/// has been disposed (tests run many in one process) must not leave it throwing ObjectDisposedException there, which
/// would break that Hangfire type for the rest of the process; such a logger stays silent instead.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
