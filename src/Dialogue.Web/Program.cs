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
    return;
}
app.UseDialogue();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the app.</summary>
public partial class Program;
