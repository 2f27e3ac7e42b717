using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;

namespace TalentMesh.Load;

/// <summary>Latency (µs, HdrHistogram, 3 significant digits) and failures by status code for one named operation.</summary>
public sealed class LatencyRecorder(string name)
{
    private static readonly long MaxMicroseconds = TimeSpan.FromMinutes(5).Ticks / 10;

    private readonly LongConcurrentHistogram histogram = new(1, MaxMicroseconds, 3);

    public string Name { get; } = name;

    public ConcurrentDictionary<string, int> Errors { get; } = new();

    public long Count => histogram.TotalCount;

    public int ErrorCount => Errors.Values.Sum();

    public void Record(long sinceTimestamp) => RecordElapsed(Stopwatch.GetElapsedTime(sinceTimestamp));

    public void RecordElapsed(TimeSpan elapsed) => histogram.RecordValue(Math.Clamp(elapsed.Ticks / 10, 1, MaxMicroseconds));

    public void Fail(string reason) => Errors.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void Fail(StatusCode status) => Fail(status.ToString());

    /// <summary>The latency at a percentile (0–100), in milliseconds; 0 when nothing was recorded.</summary>
    public double PercentileMs(double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;
}

/// <summary>All recorders of a run, by name, in first-use order.</summary>
public sealed class Recorders
{
    private readonly ConcurrentDictionary<string, LatencyRecorder> byName = new();
    private readonly ConcurrentQueue<string> order = new();

    public LatencyRecorder this[string name] => byName.GetOrAdd(name, n =>
    {
        order.Enqueue(n);
        return new LatencyRecorder(n);
    });

    public IEnumerable<LatencyRecorder> All => order.Distinct().Select(n => byName[n]);
}
