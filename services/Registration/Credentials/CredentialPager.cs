using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.Registration.Credentials;

/// <summary>
/// Pages a score-ordered index of credentials with filters applied to the records. The cursor is the last entry
/// returned ("score:id"); equal scores are ordered by id, as Redis orders them, so no entry is skipped or repeated.
/// </summary>
public sealed class CredentialPager(CredentialStore credentials)
{
    public async Task<(List<StoredCredential> Page, string? NextCursor)> PageAsync(RedisKey index, double min, double max, Order order,
        string? cursor, int size, Func<StoredCredential, bool> keep, CancellationToken cancellationToken)
    {
        var (afterScore, afterId) = Parse(cursor);
        var from = afterScore ?? (order == Order.Ascending ? min : max);
        var kept = new List<StoredCredential>(size + 1);
        var chunk = Math.Max(size * 2, 50);
        var skipped = 0;
        while (kept.Count <= size)
        {
            var entries = await credentials.RangeAsync(index, order == Order.Ascending ? from : min, order == Order.Ascending ? max : from,
                order, skipped + chunk, cancellationToken);
            var fresh = entries.Skip(skipped).Where(entry => After(entry, afterScore, afterId, order)).ToList();
            var records = await credentials.FindManyAsync(fresh.Select(entry => (string)entry.Element!), cancellationToken);
            kept.AddRange(records.Where(keep).Take(size + 1 - kept.Count));
            if (entries.Length < skipped + chunk)
                break;
            skipped = entries.Length;
        }
        if (kept.Count <= size)
            return (kept, null);
        var last = kept[size - 1];
        kept.RemoveAt(size);
        return (kept, Cursor(last));
    }

    private static bool After(SortedSetEntry entry, double? score, string? id, Order order)
    {
        if (score is null)
            return true;
        if (entry.Score != score)
            return true;
        var comparison = string.CompareOrdinal((string)entry.Element!, id);
        return order == Order.Ascending ? comparison > 0 : comparison < 0;
    }

    private static string Cursor(StoredCredential stored) =>
        stored.Credential.SubmittedAt.ToDateTimeOffset().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + stored.Credential.CredentialId;

    private static (double? Score, string? Id) Parse(string? cursor)
    {
        if (cursor is null)
            return (null, null);
        var colon = cursor.IndexOf(':');
        return colon > 0 && long.TryParse(cursor[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            ? (score, cursor[(colon + 1)..])
            : (null, null);
    }
}
