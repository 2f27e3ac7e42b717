using System.Diagnostics;
using StackExchange.Redis;

namespace TalentMesh.Redemption.Benchmarks;

/// <summary>
/// What a run cost, divided by its operations: this process's CPU time (client and server share the process, so the
/// no-op run's figure is the gRPC + client share to subtract), redis-server's CPU time and the commands Redis executed
/// (from INFO commandstats: a script call counts once as EVALSHA, the commands it runs inside are listed separately).
/// CPU per operation moves far less than operations/s when neighbours load the cores.
/// </summary>
public sealed class CostMeter(IServer redis)
{
    private TimeSpan processCpu;
    private double redisCpu;
    private Dictionary<string, long> commands = [];

    public async Task StartAsync()
    {
        processCpu = Process.GetCurrentProcess().TotalProcessorTime;
        (redisCpu, commands) = await ReadRedisAsync();
    }

    public async Task<string> StopAsync(long operations)
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - processCpu).TotalMicroseconds / operations;
        var (cpu, after) = await ReadRedisAsync();
        var redisMicros = (cpu - redisCpu) * 1e6 / operations;
        var perCommand = after.Select(c => (c.Key, Calls: c.Value - commands.GetValueOrDefault(c.Key)))
            .Where(c => c.Calls > 0 && c.Key is not ("info" or "ping")).OrderByDescending(c => c.Calls)
            .Select(c => $"{c.Key} {(double)c.Calls / operations:N2}");
        return $"CPU/op: process {process:N0} µs, redis {redisMicros:N0} µs; Redis commands/op: {string.Join(", ", perCommand)}";
    }

    private async Task<(double Cpu, Dictionary<string, long> Commands)> ReadRedisAsync()
    {
        var info = (await redis.InfoAsync("all")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        var cpu = double.Parse(info["used_cpu_sys"], System.Globalization.CultureInfo.InvariantCulture)
            + double.Parse(info["used_cpu_user"], System.Globalization.CultureInfo.InvariantCulture);
        var commands = info.Where(p => p.Key.StartsWith("cmdstat_", StringComparison.Ordinal)).ToDictionary(
            p => p.Key["cmdstat_".Length..],
            p => long.Parse(p.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
        return (cpu, commands);
    }
}
