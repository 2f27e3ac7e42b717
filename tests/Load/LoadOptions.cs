namespace TalentMesh.Load;

/// <summary>What to run: the arrival rate, how long, and against which mesh.</summary>
public sealed record LoadOptions
{
    /// <summary>Workflows started per second, on a fixed schedule (open loop).</summary>
    public double Rate { get; init; } = 300;

    /// <summary>The measured window, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Unmeasured workflows before the window, their rate ramping from 10 % of <see cref="Rate"/> up to it over two thirds
    /// of it, then at the rate (see <see cref="ArrivalSchedule"/>): JIT, tiering, connection pools and Redis warm up under
    /// a growing load, and the mesh meets the full rate before it is measured. 30 s: the services' tiering was done after
    /// ~25 s.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest the run holds the warm-up's first rate before the warm-up, waiting for the services' JIT to settle
    /// (see <see cref="OpenLoopRun"/>); zero skips the wait. Unmeasured.
    /// </summary>
    public TimeSpan SettleLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Settled: no service's tiered-compilation threads used more than this share of a core (%) over <see cref="SettledOver"/>.</summary>
    public const double SettledJitPercent = 3;

    /// <summary>
    /// How long the JIT must have been quiet. It recompiles in bursts with pauses of a second or two between them; over
    /// 3 s a run once "settled" between two bursts, 17 s in, with 20 % of a core of compiling still to come.
    /// </summary>
    public static readonly TimeSpan SettledOver = TimeSpan.FromSeconds(6);

    /// <summary>Start a private mesh (redis-server + the three services as processes) instead of attaching to one.</summary>
    public bool StartMesh { get; init; }

    /// <summary>
    /// Keys a private mesh's Redis holds before the run (<see cref="KeyspaceFiller"/>): 1.2 M puts its main table past
    /// 2^20 entries (2^21 buckets) and its expires table past 2^19, so a run's ~0.7 M keys (~0.3 M with a TTL) at
    /// 300 workflows/s for 90 s double neither. Zero starts from an empty store.
    /// </summary>
    public long PrefillKeys { get; init; } = 1_200_000;

    /// <summary>Read every collection of each service from its runtime's events (<see cref="GcEventListener"/>) and report them.</summary>
    public bool GcEvents { get; init; }

    /// <summary>
    /// How long the disturbance (<see cref="DisturbanceKind"/>) lasts during the window (zero: none): the same
    /// disturbance in every run, so runs of different code on different evenings can be compared by how the mesh
    /// recovers from it.
    /// </summary>
    public TimeSpan Disturbance { get; init; }

    /// <summary>What the disturbance does: a memory-streaming neighbour, or the mesh frozen.</summary>
    public DisturbanceKind DisturbanceKind { get; init; } = DisturbanceKind.Memory;

    /// <summary>When the disturbance starts, from the window's start.</summary>
    public TimeSpan DisturbanceAt { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>gRPC (h2c) and HTTP addresses when attaching; defaults are scripts/run.sh's ports.</summary>
    public Uri RegistrationGrpc { get; init; } = new("http://127.0.0.1:5101");

    public Uri RegistrationHttp { get; init; } = new("http://127.0.0.1:5102");

    public Uri EvaluationHttp { get; init; } = new("http://127.0.0.1:5112");

    public Uri RedemptionGrpc { get; init; } = new("http://127.0.0.1:5121");

    public Uri RedemptionHttp { get; init; } = new("http://127.0.0.1:5122");

    /// <summary>The pause after a poll that said "not yet" (it grows 1.25× per poll up to <see cref="PollCap"/>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The longest pause between two polls. The pause grows 1.25× per poll from <see cref="PollInterval"/>, which alone
    /// keeps a poll's answer within 25 % of the truth; the cap only matters for results seconds late (a redelivered
    /// event), where polling every 250 ms cost ~30 polls per late workflow for no useful precision.
    /// </summary>
    public TimeSpan PollCap { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A workflow whose result is not visible by then counts as an error.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>"Flat" memory: the last third's mean RSS within this fraction of the first third's.</summary>
    public double MemoryTolerance { get; init; } = 0.10;

    /// <summary>The goals of issue #11.</summary>
    public const double GoalRate = 300;

    public static readonly TimeSpan GoalDuration = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan GoalWorkflowP99 = TimeSpan.FromMilliseconds(250);
}
