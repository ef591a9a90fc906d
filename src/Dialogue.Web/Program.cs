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
await app.PrepareDialogueAsync();
app.UseDialogue();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the app.</summary>
public partial class Program;
