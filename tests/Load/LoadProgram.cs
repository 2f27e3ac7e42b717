using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using Spectre.Console;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Load;

/// <summary>
/// dotnet run -c Release --project tests/Load -- [--rate 300] [--duration 60] [--warmup 30] [--settle-limit 60] [--start-mesh] [--gc-events] [--disturb 8 [--disturbance memory|freeze] [--disturb-at 10]]
/// Exit code 0 when every goal is met, 1 when one is missed, 2 on a usage error.
/// </summary>
public static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var defaults = new LoadOptions();
        var rate = new Option<double>("--rate") { Description = "Workflows started per second (fixed arrival rate).", DefaultValueFactory = _ => defaults.Rate };
        var duration = new Option<int>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => (int)defaults.Duration.TotalSeconds };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured seconds before the window: the rate ramps from 10 % of --rate up to it over two thirds of them, then holds.", DefaultValueFactory = _ => (int)defaults.Warmup.TotalSeconds };
        var settleLimit = new Option<int>("--settle-limit") { Description = "Before the warm-up, hold its first rate until the services' JIT has settled, at most this many seconds (0: do not wait).", DefaultValueFactory = _ => (int)defaults.SettleLimit.TotalSeconds };
        var startMesh = new Option<bool>("--start-mesh") { Description = "Start a private mesh (redis-server + the three services) instead of attaching to scripts/run.sh's." };
        var prefillKeys = new Option<long>("--prefill-keys") { Description = "A private mesh's Redis starts with this many keys no service reads, as a zone's store holds data (0: empty).", DefaultValueFactory = _ => defaults.PrefillKeys };
        var pollMs = new Option<int>("--poll-ms") { Description = "The pause after a \"not yet\" poll (growing 1.25× per poll).", DefaultValueFactory = _ => (int)defaults.PollInterval.TotalMilliseconds };
        var gcEvents = new Option<bool>("--gc-events") { Description = "Read each service's every collection from its runtime's events (an EventPipe session each) and report the window's." };
        var disturb = new Option<int>("--disturb") { Description = "Disturb the machine for this many seconds of the window, to see how the mesh recovers (0: none)." };
        var disturbance = new Option<DisturbanceKind>("--disturbance") { Description = "How: memory (a memory-streaming neighbour, dd on one core) or freeze (SIGSTOP every process of the mesh).", DefaultValueFactory = _ => defaults.DisturbanceKind };
        var disturbAt = new Option<int>("--disturb-at") { Description = "When the disturbance starts, in seconds from the window's start.", DefaultValueFactory = _ => (int)defaults.DisturbanceAt.TotalSeconds };
        var registration = new Option<Uri>("--registration") { Description = "Attach: Registration's gRPC address.", DefaultValueFactory = _ => defaults.RegistrationGrpc };
        var registrationHttp = new Option<Uri>("--registration-http") { Description = "Attach: Registration's HTTP address (dev tokens).", DefaultValueFactory = _ => defaults.RegistrationHttp };
        var redemption = new Option<Uri>("--redemption") { Description = "Attach: Redemption's gRPC address.", DefaultValueFactory = _ => defaults.RedemptionGrpc };
        var redemptionHttp = new Option<Uri>("--redemption-http") { Description = "Attach: Redemption's HTTP address (dev tokens).", DefaultValueFactory = _ => defaults.RedemptionHttp };
        var root = new RootCommand("TalentMesh load: open-loop workflows against the mesh, figures against the goals of issue #11.")
        {
            rate, duration, warmup, settleLimit, startMesh, prefillKeys, pollMs, gcEvents, disturb, disturbance, disturbAt, registration, registrationHttp, redemption, redemptionHttp,
        };
        root.SetAction(async (parsed, cancellationToken) => await RunAsync(defaults with
        {
            Rate = parsed.GetValue(rate),
            Duration = TimeSpan.FromSeconds(parsed.GetValue(duration)),
            Warmup = TimeSpan.FromSeconds(parsed.GetValue(warmup)),
            SettleLimit = TimeSpan.FromSeconds(parsed.GetValue(settleLimit)),
            StartMesh = parsed.GetValue(startMesh),
            PrefillKeys = parsed.GetValue(prefillKeys),
            PollInterval = TimeSpan.FromMilliseconds(parsed.GetValue(pollMs)),
            GcEvents = parsed.GetValue(gcEvents),
            Disturbance = TimeSpan.FromSeconds(parsed.GetValue(disturb)),
            DisturbanceKind = parsed.GetValue(disturbance),
            DisturbanceAt = TimeSpan.FromSeconds(parsed.GetValue(disturbAt)),
            RegistrationGrpc = parsed.GetValue(registration)!,
            RegistrationHttp = parsed.GetValue(registrationHttp)!,
            RedemptionGrpc = parsed.GetValue(redemption)!,
            RedemptionHttp = parsed.GetValue(redemptionHttp)!,
        }, cancellationToken));
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        if (options.Rate <= 0 || options.Duration <= TimeSpan.Zero || options.Warmup < TimeSpan.Zero || options.SettleLimit < TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero || options.PrefillKeys < 0)
        {
            await Console.Error.WriteLineAsync("--rate, --duration and --poll-ms must be positive, --warmup, --settle-limit and --prefill-keys at least 0.");
            return 2;
        }
        if (options.Disturbance < TimeSpan.Zero || options.DisturbanceAt < TimeSpan.Zero || (options.Disturbance > TimeSpan.Zero && options.DisturbanceAt >= options.Duration))
        {
            await Console.Error.WriteLineAsync("--disturb and --disturb-at must be at least 0, and a disturbance must start within --duration.");
            return 2;
        }
        // Tables stay readable when the output goes to a file or a narrow terminal.
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);

        // The machine's speed and memory latency before any load: the baseline for the same probes during the window.
        using var machineSpeed = new MachineSpeedMeter();
        var beforeLoad = Stopwatch.GetTimestamp();
        await Task.Delay(MachineSpeedMeter.BaselineSpan, cancellationToken);
        var quietUntil = Stopwatch.GetTimestamp();
        var coreShare = CoreShareProbe.Measure();

        AnsiConsole.MarkupLine($"[bold]TalentMesh load[/]: {options.Rate:N0} workflows/s, {(options.SettleLimit > TimeSpan.Zero ? $"{ArrivalSchedule.RampStart:P0} of it until the services' JIT settles (at most {options.SettleLimit.TotalSeconds:N0} s), then " : "")}{options.Warmup.TotalSeconds:N0} s warm-up (ramping up from {ArrivalSchedule.RampStart:P0} over {ArrivalSchedule.RampShare:P0} of it, then at the rate) + {options.Duration.TotalSeconds:N0} s measured, the tier learnt from the talent watch, the benefit from the notification watch and then read (a \"not yet\" polled every {options.PollInterval.TotalMilliseconds:N0} ms, growing to {options.PollCap.TotalMilliseconds:N0} ms)");
        await using var target = options.StartMesh
            ? await LoadTarget.StartMeshAsync(cancellationToken)
            : await LoadTarget.AttachAsync(options, cancellationToken);
        AnsiConsole.MarkupLine($"target: {Markup.Escape(target.Description)}");
        AnsiConsole.MarkupLine($"watching: {Markup.Escape(string.Join(", ", target.Processes.Select(p => $"{p.Name} ({p.ProcessId})")))}");
        await target.PrefillAsync(options.PrefillKeys, cancellationToken);
        var keysBefore = await target.KeyCountAsync();

        var policyId = await PublishPolicyAsync(target, cancellationToken);
        var run = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 10_000);
        var recorders = new Recorders();
        var workflow = new Workflow(target, recorders, options, policyId, run);
        var loadBefore = ProcFs.LoadAverage();
        RunResult result;
        await using var consumers = await target.WatchConsumersAsync();
        await using var gcListeners = options.GcEvents ? await GcEventListeners.StartAsync(target.Processes) : null;
        await using (var sampler = new ProcessSampler(target.Processes))
        await using (var heaps = new HeapSampler(target.MetricsClients))
        {
            using var hiccups = new HiccupMeter();
            result = await OpenLoopRun.RunAsync(options, workflow, hiccups.Log, () => string.Join("; ", new[] { sampler.RecentCpu(OpenLoopRun.ProgressInterval), machineSpeed.Recent(OpenLoopRun.ProgressInterval), consumers?.TakeIntervalMax() ?? "" }.Where(part => part.Length > 0)),
                () => sampler.BusiestJit(LoadOptions.SettledOver), line => AnsiConsole.MarkupLine(Markup.Escape(line)),
                options.Disturbance > TimeSpan.Zero ? windowStart => Disturbances.RunAsync(options, target.Processes, windowStart, cancellationToken) : null,
                cancellationToken);
            hiccups.Stop();
            await recorders.CloseAsync();
            var met = Report.Write(options, result, recorders, sampler, loadBefore, ProcFs.LoadAverage());
            Report.WriteLateness(recorders.Lateness.Summarize(result.WindowStart, result.WindowEnd, LoadOptions.GoalWorkflowP99, result.Disturbance), result.WindowStart);
            Report.WriteManagedHeaps(result, heaps);
            Report.WriteStallSources(await target.StallSourcesAsync(cancellationToken));
            if (gcListeners is not null)
                Report.WriteCollections(await gcListeners.SummarizeAsync(result));
            Report.WriteKeyspace(keysBefore, await target.KeyCountAsync());
            Report.WriteHiccups(hiccups.Log, hiccups.OwnGcPauses, result.WindowStart);
            Report.WriteMachineSpeed(machineSpeed, (beforeLoad, quietUntil), (result.WindowStart, result.WindowEnd), coreShare);
            // Why calls failed or events were redelivered, as the services saw it (the mesh keeps their output).
            foreach (var (service, message, count) in target.ServiceWarnings())
                AnsiConsole.MarkupLine(Markup.Escape($"{service}: {count:N0} × {message[..Math.Min(message.Length, 160)]}"));
            return met ? 0 : 1;
        }
    }

    /// <summary>A one-off benefit for tiers A and B: each workflow's talent becomes eligible for it once its tier B arrives.</summary>
    private static async Task<string> PublishPolicyAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var policies = new PolicyService.PolicyServiceClient(target.Redemption);
        var call = new CallOptions(new Metadata { { "Authorization", "Bearer " + target.OfficerToken } }, DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        var draft = new Policy
        {
            Title = $"Load benefit {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}",
            EligibleTiers = { Tier.A, Tier.B },
            PaymentForm = PaymentForm.OneOff,
            Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 1_000 },
        };
        var created = await policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft, IdempotencyKey = Guid.NewGuid().ToString() }, call);
        var published = await policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, call);
        return published.PolicyId;
    }
}
