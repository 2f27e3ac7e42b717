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

    private volatile bool closed;

    /// <summary>Called when the report is written: workflows still running past the end record nothing more.</summary>
    public void Close() => closed = true;

    public void RecordElapsed(TimeSpan elapsed)
    {
        if (!closed)
            histogram.RecordValue(Math.Clamp(elapsed.Ticks / 10, 1, MaxMicroseconds));
    }

    public void Fail(string reason)
    {
        if (!closed)
            Errors.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

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

    /// <summary>When each measured workflow was verified and became visible.</summary>
    public LatenessTimeline Lateness { get; } = new();

    /// <summary>Stops recording, then waits out a record already under way, so the report reads settled histograms.</summary>
    public async Task CloseAsync()
    {
        foreach (var recorder in All)
            recorder.Close();
        await Task.Delay(200);
    }
}
