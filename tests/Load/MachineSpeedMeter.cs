using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TalentMesh.Load;

/// <summary>
/// The machine's own speed through the run: a thread of this program times a fixed loop of dependent floating-point
/// steps (~2 ms, no memory traffic) twice a second into a <see cref="ProbeLog"/>, and after each loop a chain of
/// dependent loads through memory (<see cref="MemoryChase"/>) into another. The loop's work never changes,
/// so when its fastest run of a spell grows, the machine gave every process less; on this VM that happens unseen by
/// the guest (steal reads 0), and at ~93 % of the 2 cores a 5 % slower machine doubled the run's p99 and a 10 % slower
/// one lost it (docs/benchmarks.md, "Session 14"). It is the same-run baseline for the machine, as the no-op call is for
/// a service.
/// </summary>
public sealed class MachineSpeedMeter : IDisposable
{
    /// <summary>Steps of one loop run: ~1.9 ms on this machine at its fastest.</summary>
    public const int Steps = 1_000_000;

    /// <summary>
    /// One step is <c>value * StepFactor + StepTerm</c>: a multiply and an add whose fixed point is 1.0, so a value that
    /// starts there stays there (<see cref="CoreShareProbe"/> runs twelve such chains side by side).
    /// </summary>
    public const double StepFactor = 0.9999999, StepTerm = 0.0000001;

    /// <summary>
    /// Between runs: two a second cost 0.4 % of a core for the loop, and about as much for the chase. Ten a second
    /// would be 2 % for the loop alone (~0.07 ms of the CPU per workflow the report counts at 300/s) taken from a
    /// machine where 5 % less speed doubled the p99.
    /// </summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the load program measures the quiet machine before it starts anything: one spell.</summary>
    public static readonly TimeSpan BaselineSpan = ProbeLog.Spell;

    private readonly Thread thread;
    private readonly ManualResetEventSlim stopping = new();
    private readonly MemoryChase chase = new();

    public MachineSpeedMeter()
    {
        thread = new Thread(Measure) { IsBackground = true, Name = "machine speed meter" };
        thread.Start();
    }

    /// <summary>The loop's runs.</summary>
    public ProbeLog Log { get; } = new();

    /// <summary>The memory chain's runs (<see cref="MemoryChase.Loads"/> loads each).</summary>
    public ProbeLog MemoryLog { get; } = new();

    /// <summary>The loop's and the memory chain's speed over the last <paramref name="span"/>, for the progress lines.</summary>
    public string Recent(TimeSpan span)
    {
        var now = Stopwatch.GetTimestamp();
        var from = now - (long)(span.TotalSeconds * Stopwatch.Frequency);
        return Log.Between(from, now) is { } speed && MemoryLog.Between(from, now) is { } memory
            ? $"loop {speed.Typical.TotalMilliseconds:N2} ms, memory {MemoryChase.NanosecondsPerLoad(memory.Typical):N0} ns"
            : "";
    }

    private void Measure()
    {
        var seed = 1.0;
        do
        {
            var before = Stopwatch.GetTimestamp();
            seed = Run(seed);
            var after = Stopwatch.GetTimestamp();
            Log.Record(after, Stopwatch.GetElapsedTime(before, after));
            chase.Run();
            var chased = Stopwatch.GetTimestamp();
            MemoryLog.Record(chased, Stopwatch.GetElapsedTime(after, chased));
        }
        while (!stopping.Wait(Pause));
    }

    /// <summary>
    /// Each step waits for the one before (a multiply and an add), so the loop runs at the core's latency, not its
    /// width; optimised from the first call so the first runs are not tier-0 code. The value stays at the fixed point
    /// 1.0 and feeds the next run, so the loop can be neither dropped nor overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Run(double seed)
    {
        var value = seed;
        for (var i = 0; i < Steps; i++)
            value = value * StepFactor + StepTerm;
        return value;
    }

    /// <summary>Ends the measurement; Dispose does the same.</summary>
    public void Stop()
    {
        stopping.Set();
        thread.Join();
    }

    public void Dispose()
    {
        Stop();
        stopping.Dispose();
    }
}
