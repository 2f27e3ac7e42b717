using System.Security.Cryptography;
using System.Text;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.Paging;

/// <summary>
/// Opaque page tokens: a cursor (where the previous page ended) bound to the query's filters by a hash, so a token
/// replayed with other filters is refused instead of silently paging the wrong list.
/// </summary>
public sealed record PageToken(string Cursor)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Default 20, capped at 100 (a larger request is capped, not refused); negative sizes count as unset.</summary>
    public static int Size(int requested) => requested <= 0 ? DefaultSize : Math.Min(requested, MaxSize);

    public static string Write(string cursor, string filters) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Fingerprint(filters) + "|" + cursor));

    /// <summary>The token's cursor; null for an empty token; a violation on page_token when it is not ours or not for these filters.</summary>
    public static PageToken? Read(string token, string filters, Violations violations)
    {
        if (token.Length == 0)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            var bar = text.IndexOf('|');
            if (bar > 0 && text[..bar] == Fingerprint(filters))
                return new PageToken(text[(bar + 1)..]);
        }
        catch (FormatException)
        {
        }
        violations.Add("page_token", "is not a token from a previous page of this query");
        return null;
    }

    private static string Fingerprint(string filters) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filters)).AsSpan(0, 8));
}
