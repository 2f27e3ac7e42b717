using System.Collections.Concurrent;
using System.Diagnostics;

namespace TalentMesh.Redemption.Benchmarks;

/// <summary>Call latencies of one run (Stopwatch ticks), summarised as rate and percentiles.</summary>
public sealed class Latencies
{
    private readonly ConcurrentQueue<long> ticks = new();

    public void Add(long elapsedTicks) => ticks.Enqueue(elapsedTicks);

    public int Count => ticks.Count;

    public string Summary(string name, TimeSpan duration)
    {
        var sorted = ticks.Order().ToArray();
        double Ms(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
        return $"{name,-34} {sorted.Length / duration.TotalSeconds,10:N0}/s   p50 {Ms(0.50),6:N2} ms   p99 {Ms(0.99),6:N2} ms   max {Ms(1.0),7:N2} ms";
    }

    public double P99Milliseconds
    {
        get
        {
            var sorted = ticks.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(0.99 * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
        }
    }
}
