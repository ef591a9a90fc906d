using System.Security.Cryptography;
using System.Text;
using Dialogue.Data.Email;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Dialogue.Tests.Features.Digests;

/// <summary>Reads sent digests back as raw MIME, the way a mail client gets them.</summary>
public static class DigestMail
{
    /// <summary>The .eml the pickup transport wrote for an outbox message.</summary>
    public static async Task<(string Raw, MimeMessage Message)> PickedUpAsync(DigestsFactory factory, OutboxMessage message)
    {
        var file = Path.Combine(factory.DataDirectory, "mail", message.MessageId + ".eml");
        Assert.True(File.Exists(file), $"No pickup file {file}: was the outbox sent?");
        var raw = await File.ReadAllTextAsync(file);
        return (raw, await MimeMessage.LoadAsync(file));
    }

    /// <summary>Every header value and every decoded text part, so nothing hides behind quoted-printable or base64.</summary>
    public static string Everything(MimeMessage message)
    {
        var text = new StringBuilder();
        foreach (var header in message.Headers)
        {
            text.Append(header.Field).Append(": ").AppendLine(header.Value);
        }
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            text.AppendLine(part.Text);
        }
        return text.ToString();
    }

    public static string Header(MimeMessage message, string name) => message.Headers[name] ?? "";

    /// <summary>An RSA key in PEM form and the DNS TXT record that would publish it.</summary>
    public static (string PrivatePem, string TxtRecord) NewDkimKey(bool pkcs8)
    {
        using var rsa = RSA.Create(2048);
        var pem = pkcs8 ? rsa.ExportPkcs8PrivateKeyPem() : rsa.ExportRSAPrivateKeyPem();
        return (pem, "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Answers every DKIM key lookup with one TXT record, as DNS would for the test's selector.</summary>
    public sealed class OneKeyLocator(string txtRecord) : DkimPublicKeyLocatorBase
    {
        public List<(string Domain, string Selector)> Lookups { get; } = [];

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Lookups.Add((domain, selector));
            return GetPublicKey(txtRecord);
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
