using System.Globalization;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>Command-line settings. Every phase is bounded by these counts and by deadlines derived from them.</summary>
public sealed record BenchmarkSettings
{
    public int Events { get; init; } = 100_000;
    public int Rate { get; init; } = 2_000;
    public int Seconds { get; init; } = 10;
    public int Concurrency { get; init; } = 64;
    /// <summary>
    /// Unmeasured events before each throughput run. Enough for the JIT to finish tiering the hot paths up (tier-0
    /// code measured at 2-5x the cost of the steady state); a service runs in the steady state.
    /// </summary>
    public int WarmupEvents { get; init; } = 20_000;
    public int Consumers { get; init; } = 1;
    public bool Quick { get; init; }

    /// <summary>host:port of an existing Redis; null starts a private redis-server.</summary>
    public string? Redis { get; init; }

    /// <summary>Extra EventBus options (name → value) for both hosts, e.g. Concurrency=32.</summary>
    public IReadOnlyDictionary<string, string> BusOptions { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        Usage: dotnet run -c Release --project tests/EventBus.Benchmarks -- [options]
          --events N          events for the two throughput runs (default 100000)
          --rate R            events/s of the fixed-rate latency run (default 2000)
          --seconds S         length of the latency run (default 10)
          --concurrency C     commits in flight in the throughput run (default 64)
          --consumers K       consumer hosts (replicas of one app, one consumer group; default 1)
          --warmup N          unmeasured events before each throughput run (default 20000)
          --redis host:port   use this Redis instead of starting a private redis-server
          --bus-option K=V    set EventBus:K for both hosts (repeatable), e.g. --bus-option Concurrency=32
          --quick             smoke run: 2000 events, 2 s at the given rate, 200 warm-up events
        """;

    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings();
        var busOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        bool? quick = null;
        int? events = null, seconds = null, warmup = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Positive() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.\n{Usage}");
            switch (args[i])
            {
                case "--events": events = Positive(); break;
                case "--rate": settings = settings with { Rate = Positive() }; break;
                case "--seconds": seconds = Positive(); break;
                case "--concurrency": settings = settings with { Concurrency = Positive() }; break;
                case "--consumers": settings = settings with { Consumers = Positive() }; break;
                case "--warmup": warmup = Positive(); break;
                case "--redis": settings = settings with { Redis = Value() }; break;
                case "--quick": quick = true; break;
                case "--bus-option":
                    var pair = Value().Split('=', 2);
                    if (pair.Length != 2 || pair[0].Length == 0)
                        throw new ArgumentException($"--bus-option needs Name=Value.\n{Usage}");
                    busOptions[pair[0]] = pair[1];
                    break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}");
            }
        }
        if (quick == true)
            settings = settings with { Quick = true, Events = 2_000, Seconds = 2, WarmupEvents = 200 };
        return settings with
        {
            Events = events ?? settings.Events,
            Seconds = seconds ?? settings.Seconds,
            WarmupEvents = warmup ?? settings.WarmupEvents,
            BusOptions = busOptions,
        };
    }
}
