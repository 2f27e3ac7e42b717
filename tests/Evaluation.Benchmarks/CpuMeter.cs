using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>
/// CPU time spent by this process (the service, hosted in-process, plus the benchmark's driver) and by redis-server
/// (INFO cpu, over an admin connection of its own) between two points. On a shared machine CPU time per operation is steadier than wall time.
/// </summary>
public sealed class CpuMeter(IServer redis)
{
    private TimeSpan process;
    private TimeSpan server;

    public async Task StartAsync() => (process, server) = (Process.GetCurrentProcess().TotalProcessorTime, await RedisCpuAsync());

    /// <summary>"cpu: process …, redis …" for the <paramref name="operations"/> since the last start, per operation in µs.</summary>
    public async Task<string> ReportAsync(long operations, string unit)
    {
        var processNow = Process.GetCurrentProcess().TotalProcessorTime;
        var serverNow = await RedisCpuAsync();
        var (processSpent, serverSpent) = (processNow - process, serverNow - server);
        return string.Create(CultureInfo.InvariantCulture,
            $"  cpu: process {processSpent.TotalSeconds:F2} s ({processSpent.TotalMicroseconds / operations:F0} µs/{unit}), redis-server {serverSpent.TotalSeconds:F2} s ({serverSpent.TotalMicroseconds / operations:F0} µs/{unit}); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private async Task<TimeSpan> RedisCpuAsync()
    {
        var info = (await redis.InfoAsync("cpu")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        return TimeSpan.FromSeconds(double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture));
    }
}
