using System.Text;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Redemption.Access;

/// <summary>Opaque page tokens tied to the query's filters (a token from another query is INVALID_ARGUMENT).</summary>
public static class PageToken
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static int Size(int requested) => requested <= 0 ? DefaultSize : Math.Min(requested, MaxSize);

    public static string Encode(string position, string query) =>
        position.Length == 0 ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{query}\n{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position in the token, or "" for the first page.</summary>
    public static string Decode(string token, string query)
    {
        if (token.Length == 0)
            return "";
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var parts = text.Split('\n');
            if (parts.Length == 2 && parts[0] == query && parts[1].Length > 0)
                return parts[1];
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException([new FieldViolation("page_token", "is not a token of this query")]);
    }
}
