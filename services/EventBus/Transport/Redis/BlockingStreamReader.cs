using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// XREADGROUP ... BLOCK on a connection of its own. StackExchange.Redis multiplexes every command over one
/// pipe, so a blocking read there would stall the whole service; a dedicated connection blocks nobody else
/// and lets new entries arrive without polling delay.
/// </summary>
public sealed class BlockingStreamReader(ConnectionMultiplexer connection, string group, string consumer) : IAsyncDisposable
{
    public static async Task<BlockingStreamReader> ConnectAsync(RedisConnectionFactory factory, string group, string consumer, TimeSpan blockTime)
    {
        var options = factory.CreateOptions();
        options.ClientName = consumer + "-reader";
        // RESP2 keeps XREADGROUP's reply a plain array; the timeout must outlast the longest block.
        options.Protocol = RedisProtocol.Resp2;
        options.AsyncTimeout = options.SyncTimeout = (int)(blockTime + TimeSpan.FromSeconds(5)).TotalMilliseconds;
        return new BlockingStreamReader(await ConnectionMultiplexer.ConnectAsync(options), group, consumer);
    }

    /// <summary>Reads new entries from all topics, waiting up to <paramref name="blockTime"/> when there are none.</summary>
    public async Task<IReadOnlyList<ReceivedEntry>> ReadAsync(IReadOnlyList<string> physicalTopics, int count, TimeSpan blockTime)
    {
        var arguments = new List<object> { "GROUP", group, consumer, "COUNT", count, "BLOCK", (long)blockTime.TotalMilliseconds, "STREAMS" };
        arguments.AddRange(physicalTopics);
        arguments.AddRange(physicalTopics.Select(_ => ">"));
        var reply = await connection.GetDatabase().ExecuteAsync("XREADGROUP", arguments);
        return reply.IsNull ? [] : Parse(reply);
    }

    private static List<ReceivedEntry> Parse(RedisResult reply)
    {
        var entries = new List<ReceivedEntry>();
        foreach (var stream in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])stream!;
            var topic = (string)parts[0]!;
            foreach (var item in (RedisResult[])parts[1]!)
            {
                var idAndFields = (RedisResult[])item!;
                var fields = (RedisValue[])idAndFields[1]!;
                RedisValue data = RedisValue.Null, metadata = RedisValue.Null;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                {
                    if (fields[i] == RedisStreamFields.Data) data = fields[i + 1];
                    else if (fields[i] == RedisStreamFields.Metadata) metadata = fields[i + 1];
                }
                entries.Add(new ReceivedEntry(topic, (RedisValue)idAndFields[0], data, metadata, DeliveryAttempt: 1));
            }
        }
        return entries;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
