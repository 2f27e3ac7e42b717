using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>CPU time spent by this process (both hosts and the driver) and by redis-server (INFO cpu).</summary>
public sealed record CpuSample(TimeSpan Process, TimeSpan Redis)
{
    public CpuCost PerEventSince(CpuSample start, int events) =>
        new((Process - start.Process).TotalMicroseconds / events, (Redis - start.Redis).TotalMicroseconds / events);
}

/// <summary>Microseconds of CPU per event: what bounds throughput when .NET and Redis share two cores.</summary>
public sealed record CpuCost(double ProcessMicroseconds, double RedisMicroseconds)
{
    public override string ToString() =>
        $"CPU per event: {ProcessMicroseconds:0} µs .NET + {RedisMicroseconds:0} µs redis-server = {ProcessMicroseconds + RedisMicroseconds:0} µs";
}

public sealed class CpuMeter(IServer redis)
{
    public async Task<CpuSample> SampleAsync()
    {
        var info = (await redis.InfoAsync("cpu")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        double Seconds(string name) => info.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : 0;
        using var process = Process.GetCurrentProcess();
        return new CpuSample(process.TotalProcessorTime, TimeSpan.FromSeconds(Seconds("used_cpu_user") + Seconds("used_cpu_sys")));
    }
}
