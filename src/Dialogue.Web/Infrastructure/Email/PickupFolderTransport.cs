using Microsoft.Extensions.Options;
using MimeKit;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>Writes each message as an .eml file named after its Message-ID, so a resend overwrites rather than doubles.</summary>
public sealed class PickupFolderTransport(IOptions<EmailOptions> email, IOptions<AppOptions> app) : IMailTransport
{
    public string Directory => email.Value.PickupDirectory is { Length: > 0 } dir ? dir : Path.Combine(app.Value.DataDirectory, "mail");

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars())) + ".eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(Directory, name), overwrite: true);
    }
}
