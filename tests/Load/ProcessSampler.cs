using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>
/// One reading of a watched process: when (Stopwatch timestamp), its CPU time so far (in all, and of which the runtime's
/// tiered-compilation and GC threads) and its resident memory.
/// </summary>
public readonly record struct ProcessSample(long Timestamp, TimeSpan Cpu, TimeSpan JitCpu, TimeSpan GcCpu, long RssBytes);

/// <summary>Samples every watched process (and this program) once a second from /proc until disposed.</summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly Dictionary<string, Dictionary<int, (bool Jit, long Ticks)>> runtimeThreads;
    private readonly PeriodicLoop loop;

    public ProcessSampler(IEnumerable<WatchedProcess> processes)
    {
        Processes = processes.Append(new WatchedProcess("load program", Environment.ProcessId, IsService: false)).ToList();
        Samples = Processes.ToDictionary(p => p.Name, _ => new List<ProcessSample>());
        runtimeThreads = Processes.ToDictionary(p => p.Name, _ => new Dictionary<int, (bool Jit, long Ticks)>());
        loop = new PeriodicLoop(TimeSpan.FromSeconds(1), _ => SampleAll());
    }

    public IReadOnlyList<WatchedProcess> Processes { get; }

    public Dictionary<string, List<ProcessSample>> Samples { get; }

    private Task SampleAll()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var process in Processes)
        {
            if (ProcFs.Sample(process.ProcessId) is { } sample)
            {
                var (jit, gc) = process.IsService ? ProcFs.RuntimeThreadsCpu(process.ProcessId, runtimeThreads[process.Name]) : default;
                lock (Samples)
                    Samples[process.Name].Add(new ProcessSample(now, sample.Cpu, jit, gc, sample.RssBytes));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Each process's CPU (% of a core; the runtime's JIT and GC threads' share in brackets) between its latest sample and
    /// the one <paramref name="over"/> before it: which process a backlog or a surge in the progress lines coincides with.
    /// </summary>
    public string RecentCpu(TimeSpan over)
    {
        var parts = new List<string>();
        foreach (var process in Processes)
        {
            if (Recent(process.Name, over) is not { } recent)
                continue;
            parts.Add(process.IsService ? $"{process.Name} {recent.Cpu:N0} ({recent.Jit:N0}/{recent.Gc:N0})" : $"{process.Name} {recent.Cpu:N0}");
        }
        return parts.Count == 0 ? "" : "CPU % (JIT/GC): " + string.Join(", ", parts);
    }

    /// <summary>
    /// The highest share of a core any service's tiered-compilation threads used over the last <paramref name="over"/>;
    /// null until every service has been sampled over that long, 0 when no service is watched.
    /// </summary>
    public double? BusiestJit(TimeSpan over)
    {
        double busiest = 0;
        foreach (var process in Processes.Where(p => p.IsService))
        {
            if (Recent(process.Name, over, complete: true) is not { } recent)
                return null;
            busiest = Math.Max(busiest, recent.Jit);
        }
        return busiest;
    }

    /// <summary>CPU, JIT and GC threads' CPU of one process in % of a core between its latest sample and the one <paramref name="over"/> before.</summary>
    private (double Cpu, double Jit, double Gc)? Recent(string name, TimeSpan over, bool complete = false)
    {
        lock (Samples)
        {
            var samples = Samples[name];
            if (samples.Count < 2)
                return null;
            var last = samples[^1];
            var from = last.Timestamp - (long)(over.TotalSeconds * Stopwatch.Frequency);
            if (complete && samples[0].Timestamp > from)
                return null;
            var first = samples.LastOrDefault(s => s.Timestamp <= from, samples[0]);
            var seconds = (double)(last.Timestamp - first.Timestamp) / Stopwatch.Frequency;
            if (seconds <= 0)
                return null;
            double Percent(TimeSpan cpu) => cpu.TotalSeconds / seconds * 100;
            return (Percent(last.Cpu - first.Cpu), Percent(last.JitCpu - first.JitCpu), Percent(last.GcCpu - first.GcCpu));
        }
    }

    /// <summary>The samples of one process taken between two timestamps.</summary>
    public IReadOnlyList<ProcessSample> Between(string name, long from, long to)
    {
        lock (Samples)
            return Samples[name].Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
    }

    public ValueTask DisposeAsync() => loop.DisposeAsync();
}
