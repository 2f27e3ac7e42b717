using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Benchmarks;

/// <summary>What one closed-loop run measured.</summary>
public sealed record RunResult(string Name, long Calls, long Failures, double Seconds, double P50Ms, double P99Ms, double CpuMicrosPerCall)
{
    public double PerSecond => Calls / Seconds;
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each issue the next call as soon as the previous one answers, for a fixed
/// time; every call's latency is recorded, so the percentiles cover the whole run, not a sample.
/// </summary>
public static class ClosedLoop
{
    public static async Task<RunResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<long, Task> call)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0L;
        var counter = -1L;
        // Client and server share this process: CPU per call is the whole call's cost, the no-op's being the gRPC share.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var own = latencies[worker] = new List<double>(100_000);
            while (stopwatch.Elapsed < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(Interlocked.Increment(ref counter));
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var calls = latencies.Sum(l => l.Count);
        var percentiles = new Percentiles(latencies.SelectMany(l => l));
        return new RunResult(name, calls, failures, seconds, percentiles.At(0.50), percentiles.At(0.99), cpu.TotalMicroseconds / Math.Max(1, calls));
    }
}
