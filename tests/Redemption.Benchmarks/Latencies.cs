using System.Collections.Concurrent;
using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Redemption.Benchmarks;

/// <summary>Call latencies of one run (Stopwatch ticks), summarised as rate and percentiles.</summary>
public sealed class Latencies
{
    private readonly ConcurrentQueue<long> ticks = new();

    public void Add(long elapsedTicks) => ticks.Enqueue(elapsedTicks);

    public int Count => ticks.Count;

    public string Summary(string name, TimeSpan duration)
    {
        var milliseconds = Milliseconds();
        return $"{name,-34} {Count / duration.TotalSeconds,10:N0}/s   p50 {milliseconds.At(0.50),6:N2} ms   p99 {milliseconds.At(0.99),6:N2} ms   max {milliseconds.Max,7:N2} ms";
    }

    public double P99Milliseconds => Milliseconds().At(0.99);

    private Percentiles Milliseconds() => new(ticks.Select(elapsed => elapsed * 1000.0 / Stopwatch.Frequency));
}
