using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Hosting;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>Activates a rule set published with a future effective_from once that time has come (by the service's clock).</summary>
public sealed class ScheduledActivationService(RuleSetStore ruleSets, RuleSetActivation activation, EventUnitOfWorkFactory units,
    IOptions<EvaluationOptions> options, TimeProvider time, ILogger<ScheduledActivationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ActivateDueAsync();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Activating scheduled rule sets failed; trying again at the next tick");
            }
        }
    }

    public async Task ActivateDueAsync()
    {
        // The latest due one wins; earlier due ones were overtaken before they took effect.
        var due = await ruleSets.DueAsync(time.GetUtcNow());
        if (due.Length == 0)
            return;
        var unit = units.Begin();
        foreach (var hash in due[..^1])
            ruleSets.StageActivationSkipped(unit, hash);
        var activates = await activation.StageAsync(unit, due[^1], time.GetUtcNow());
        if (await unit.CommitAsync() == CommitOutcome.Committed && activates)
            activation.Activated();
    }
}
