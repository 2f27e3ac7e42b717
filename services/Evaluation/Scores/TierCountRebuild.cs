using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// At start-up, counts the talents per tier from the stored evaluations when the counter has never been completed —
/// data written before the counter existed. The count is one atomic script, so it is exact even while other replicas
/// commit evaluations; from then on every stored evaluation moves the counter in its own unit of work.
/// </summary>
public sealed class TierCountRebuild(ScoreStore scores, ILogger<TierCountRebuild> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await scores.EnsureTierCountsAsync())
            logger.LogInformation("Counted the talents per tier from the stored evaluations");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
