using System.Collections.Concurrent;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// Signs outgoing mail with DKIM when Email:Dkim is configured. The signature covers the unsubscribe headers,
/// which RFC 8058 requires before a receiver offers one-click unsubscribe.
/// </summary>
public static class DkimSigning
{
    public static readonly IReadOnlyList<string> SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id",
    ];

    // Parsing the key once per configuration, not once per message.
    private static readonly ConcurrentDictionary<(string Domain, string Selector, string Key), DkimSigner> Signers = new();

    public static void SignIfConfigured(MimeMessage message, DkimOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }
        var pem = string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? File.ReadAllText(options.PrivateKeyPath!) : options.PrivateKeyPem;
        var signer = Signers.GetOrAdd((options.Domain!, options.Selector!, pem), key =>
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(key.Key));
            return new DkimSigner(stream, key.Domain, key.Selector, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
        });
        // The body is fixed to 7-bit first, so no relay re-encodes it and breaks the body hash.
        message.Prepare(EncodingConstraint.SevenBit);
        var present = SignedHeaders.Where(h => message.Headers.Contains(h)).ToList();
        signer.Sign(message, present);
    }
}
