using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Reevaluation;

/// <summary>
/// Re-evaluates every talent under the rule set that took effect, in the background, page by page in talent-id
/// order. Each talent commits on its own (evaluation, history, event if changed, rollout counters); a talent already
/// under the rule set is skipped, so after a crash the walk resumes at the last checkpoint and publishes nothing twice.
/// Reads and events are served meanwhile: the walk holds no lock and races them only through optimistic concurrency.
/// </summary>
public sealed class RolloutRunner(RolloutStore rollouts, RuleSetStore ruleSets, FactsStore facts, ScoreStore scores,
    TalentReevaluation reevaluation, RolloutSignal signal, IOptions<EvaluationOptions> options, TimeProvider time,
    ILogger<RolloutRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunCurrentAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The rollout stopped; it resumes from its checkpoint");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<(string[] Ids, VersionedFacts[] Facts, Contracts.Evaluation.V1.Evaluation?[] Scores)> ReadPageAsync(string after, int size)
    {
        var ids = await facts.TalentIdsAfterAsync(after, size);
        if (ids.Length == 0)
            return (ids, [], []);
        var factsRead = facts.LoadManyAsync(ids);
        var scoresRead = scores.CurrentManyAsync(ids);
        return (ids, await factsRead, await scoresRead);
    }

    private async Task RunCurrentAsync(CancellationToken cancellationToken)
    {
        if (await rollouts.CurrentAsync() is not { } hash)
            return;
        if (await rollouts.ProgressAsync(hash) is not { Phase: RolloutPhase.Running } progress)
        {
            await rollouts.FinishAsync(hash, RolloutPhase.Completed, time.GetUtcNow());
            return;
        }
        var target = await ruleSets.ByHashAsync(hash) ?? throw new InvalidOperationException($"rule set {hash} is not stored");
        logger.LogInformation("Rollout of {Hash}: {Done}/{Total} done, resuming after '{Cursor}'", hash, progress.Done, progress.Total, progress.Cursor);
        var settings = options.Value;
        // The next page is read while this one is re-evaluated (a stale read only costs a retry: commits check versions).
        var page = ReadPageAsync(progress.Cursor, settings.RolloutPageSize);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ruleSets.ActiveHashAsync() != hash)
            {
                await rollouts.FinishAsync(hash, RolloutPhase.Superseded, time.GetUtcNow());
                return;
            }
            var (ids, loaded, current) = await page;
            if (ids.Length == 0)
            {
                await rollouts.FinishAsync(hash, RolloutPhase.Completed, time.GetUtcNow());
                logger.LogInformation("Rollout of {Hash} completed", hash);
                return;
            }
            page = ReadPageAsync(ids[^1], settings.RolloutPageSize);
            await Parallel.ForAsync(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.RolloutConcurrency, CancellationToken = cancellationToken },
                async (i, _) => await reevaluation.ReevaluateAsync(ids[i], EvaluationTrigger.RuleSetPublished,
                    (previous, active) => active.Hash == hash && previous?.RuleSetHash != hash, new TalentReevaluation.Starting(loaded[i], current[i], target)));
            await rollouts.CheckpointAsync(hash, ids[^1]);
        }
    }
}
