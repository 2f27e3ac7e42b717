using StackExchange.Redis;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>One new entry of a stream: its id and its "data" field.</summary>
public readonly record struct StreamEntryData(RedisValue Id, RedisValue Data);

/// <summary>
/// <c>XREADGROUP GROUP g c COUNT n BLOCK ms STREAMS s &gt;</c> for the hand-written consumers (raw Streams and the
/// same-work baseline). The database must belong to a RESP2 connection of its own: the reply is parsed as RESP2's
/// plain arrays, and a blocking read would stall every other command on the connection.
/// </summary>
public sealed class StreamGroupReader(IDatabase database, RedisKey stream, string group, string consumer, int count, int blockMilliseconds)
{
    private readonly object[] arguments = ["GROUP", group, consumer, "COUNT", count, "BLOCK", blockMilliseconds, "STREAMS", stream, ">"];

    /// <summary>Up to <c>count</c> entries; none when the block time passed without any.</summary>
    public async Task<StreamEntryData[]> ReadAsync()
    {
        var reply = await database.ExecuteAsync("XREADGROUP", arguments);
        if (reply.IsNull)
            return [];
        var entries = (RedisResult[])((RedisResult[])((RedisResult[])reply!)[0]!)[1]!;
        var read = new StreamEntryData[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = (RedisResult[])entries[i]!;
            // Both producers write exactly one field, "data".
            read[i] = new StreamEntryData((RedisValue)entry[0], ((RedisValue[])entry[1]!)[1]);
        }
        return read;
    }
}
