using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.Registration.Benchmarks;

/// <summary>
/// What one pass through the service's "redis" resilience pipeline adds to the Redis command it carries: the same GET
/// on the service's own connection, <c>concurrency</c> at a time, bare and through <see cref="RedisPipeline"/>. CPU and
/// managed allocation per call are this process's; Redis's own work is the same in both.
/// </summary>
public static class PipelineCost
{
    public static async Task<string> MeasureAsync(IServiceProvider services, int concurrency, int calls = 200_000)
    {
        var db = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var pipeline = services.GetRequiredService<RedisPipeline>();
        RedisKey key = "bench:pipeline-cost";
        await db.StringSetAsync(key, "a value of a few bytes");

        Func<Task> bare = async () => await db.StringGetAsync(key);
        Func<Task> piped = async () => await pipeline.ExecuteAsync(async _ => await db.StringGetAsync(key), CancellationToken.None);
        await MeasureAsync(bare, concurrency, calls / 10); // warm-up: tiered compilation of both paths
        await MeasureAsync(piped, concurrency, calls / 10);
        var bareCost = await MeasureAsync(bare, concurrency, calls);
        var pipedCost = await MeasureAsync(piped, concurrency, calls);
        return $"one Redis GET, {concurrency} at a time: bare {bareCost.Cpu:N1} µs CPU and {bareCost.Bytes:N0} B allocated per call, " +
            $"through the redis pipeline {pipedCost.Cpu:N1} µs and {pipedCost.Bytes:N0} B (the pass adds {pipedCost.Cpu - bareCost.Cpu:N1} µs, " +
            $"{pipedCost.Bytes - bareCost.Bytes:N0} B)";
    }

    private static async Task<(double Cpu, double Bytes)> MeasureAsync(Func<Task> call, int concurrency, int calls)
    {
        var left = calls;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
                await call();
        })));
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)calls);
    }
}
