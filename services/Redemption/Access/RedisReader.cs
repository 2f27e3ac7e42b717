using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.Redemption.Access;

/// <summary>Reads go through the Redis resilience pipeline (timeout, retry, circuit breaker); writes go through units of work.</summary>
public sealed class RedisReader(IConnectionMultiplexer redis, RedisPipeline pipeline)
{
    public async Task<T> ReadAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(_ => new ValueTask<T>(read(redis.GetDatabase())), cancellationToken);
}
