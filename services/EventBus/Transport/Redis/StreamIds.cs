using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Orders stream ids numerically ("ms-seq"); as strings, "5-10" would sort before "5-9".</summary>
public static class StreamIds
{
    public static (long Milliseconds, long Sequence) Parse(RedisValue id)
    {
        var text = id.ToString();
        var dash = text.IndexOf('-');
        return (long.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public static (RedisValue Min, RedisValue Max) Range(IReadOnlyCollection<RedisValue> ids) =>
        (ids.MinBy(Parse), ids.MaxBy(Parse));

    /// <summary>When the entry was added: the id's milliseconds part is Redis's clock at XADD.</summary>
    public static DateTimeOffset Time(RedisValue id) => DateTimeOffset.FromUnixTimeMilliseconds(Parse(id).Milliseconds);
}
