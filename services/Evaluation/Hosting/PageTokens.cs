using System.Text;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Evaluation.Hosting;

/// <summary>Paging per docs/contracts.md: page_size defaults to 20 and is capped at 100; tokens are opaque offsets.</summary>
public static class PageTokens
{
    public static int Size(int requested) => requested <= 0 ? 20 : Math.Min(requested, 100);

    public static long Offset(string token)
    {
        if (string.IsNullOrEmpty(token))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && long.TryParse(text[2..], out var offset) && offset >= 0)
                return offset;
        }
        catch (FormatException)
        {
            // Falls through to the violation below.
        }
        throw new ValidationFailedException([new FieldViolation("page_token", "not a token this service issued")]);
    }

    public static string Next(long offset, int pageCount, long total) =>
        offset + pageCount < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset + pageCount}")) : "";
}
