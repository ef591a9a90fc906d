using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Data;

if (CopyToPostgresCommand.IsRequested(args))
{
    Environment.ExitCode = await CopyToPostgresCommand.RunAsync(args, Console.Out, CancellationToken.None);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDialogue();

var app = builder.Build();
try
{
    await app.PrepareDialogueAsync();
}
catch (DatabaseUnavailableException ex)
{
    // The operator needs the file and the cause, not a stack trace.
    app.Logger.LogCritical("Dialogue cannot start. {Reason}", ex.Message);
    Environment.ExitCode = 1;
    // The console logger writes from a queue of its own: disposing the app flushes it, or the process could end first
    // and the operator would see no reason at all (StartUpTests caught it once).
    await app.DisposeAsync();
    return;
}
app.UseDialogue();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the app.</summary>
public partial class Program;
