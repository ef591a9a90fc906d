using Dialogue.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddDialogue();

var app = builder.Build();
await app.PrepareDialogueAsync();
app.UseDialogue();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the app.</summary>
public partial class Program;
