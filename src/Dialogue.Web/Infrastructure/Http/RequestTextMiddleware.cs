using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// Every text a request carries reaches the app as valid Unicode without NUL: a NUL broke the full-text query and is
/// refused by PostgreSQL, and bytes that are not UTF-8 used to be stored as their literal %XX escapes. Forms are read
/// here rather than by the framework, whose 4 MB per-value limit answered a bare 400 and lost the draft; an over-long
/// field reaches the page, which says it is too long and shows the text again (see <see cref="RequestTextFilter"/>).
/// </summary>
public sealed class RequestTextMiddleware(RequestDelegate next)
{
    /// <summary>Larger forms are refused (413) unread; 8 MB holds any honest form many times over.</summary>
    public const int MaxFormBytes = 8 * 1024 * 1024;

    /// <summary>No field of any form is longer; a longer one is reported as too long on its page.</summary>
    public const int MaxFieldCharacters = 100_000;

    private static readonly object TooLongFieldsKey = new();

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (request.QueryString.Value is { Length: > 1 } query && query.Contains('%', StringComparison.Ordinal))
        {
            request.Query = new QueryCollection(Parse(Encoding.UTF8.GetBytes(query[1..])));
        }
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            if (await ReadBodyAsync(request, context.RequestAborted) is not { } body)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            var fields = Parse(body);
            context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
            var tooLong = fields.Where(f => f.Value.Any(v => v?.Length > MaxFieldCharacters)).Select(f => f.Key).ToList();
            if (tooLong.Count > 0)
            {
                context.Items[TooLongFieldsKey] = tooLong;
            }
        }
        await next(context);
    }

    /// <summary>The form fields of this request that are longer than <see cref="MaxFieldCharacters"/>.</summary>
    public static IReadOnlyList<string> TooLongFields(HttpContext context) =>
        context.Items.TryGetValue(TooLongFieldsKey, out var fields) ? (List<string>)fields! : [];

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxFormBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFormBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>application/x-www-form-urlencoded, decoded as UTF-8 with every invalid sequence replaced by U+FFFD and NULs dropped.</summary>
    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> encoded)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var range in encoded.Split((byte)'&'))
        {
            var pair = encoded[range];
            if (pair.IsEmpty)
            {
                continue;
            }
            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (name.Length == 0)
            {
                continue;
            }
            if (!fields.TryGetValue(name, out var values))
            {
                fields[name] = values = [];
                order.Add(name);
            }
            values.Add(value);
        }
        return order.ToDictionary(n => n, n => new StringValues([.. fields[n]]), StringComparer.OrdinalIgnoreCase);
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '+')
            {
                b = (byte)' ';
            }
            else if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            if (b != 0)
            {
                bytes[length++] = b;
            }
        }
        return Utf8.GetString(bytes, 0, length);
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
