using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>
/// Reads go through the Redis resilience pipeline (timeout, retry, circuit breaker); writes go through units of work.
/// Reads of several stores that a call needs together are issued inside one <see cref="ReadAsync{T}"/>: one round trip
/// and one pass through the pipeline instead of one each (a pass costs ~9 µs of CPU and ~2.5 KB of allocation,
/// docs/benchmarks.md, "Session 19").
/// </summary>
public sealed class RedisReader(IConnectionMultiplexer redis, RedisPipeline pipeline)
{
    public async Task<T> ReadAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(_ => new ValueTask<T>(read(redis.GetDatabase())), cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync{T}"/> for a page of many keys (a rollout or rule-set preview reads a thousand talents at a
    /// time): one pass with the same retries and breaker, but bounded by the bulk timeout instead of the attempt and total
    /// timeouts sized for one request's few keys (<see cref="RedisPipeline.ExecuteBulkAsync{T}"/>), which such a page
    /// rightly outlasts on a busy host.
    /// </summary>
    public async Task<T> ReadBulkAsync<T>(Func<IDatabase, Task<T>> read, CancellationToken cancellationToken) =>
        await pipeline.ExecuteBulkAsync(_ => new ValueTask<T>(read(redis.GetDatabase())), cancellationToken);
}
