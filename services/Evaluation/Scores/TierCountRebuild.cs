using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// At start-up, counts the talents per tier from the stored evaluations when the counter has never been completed —
/// data written before the counter existed. The count is one atomic script, so it is exact even while other replicas
/// commit evaluations; from then on every stored evaluation moves the counter in its own unit of work. A count that
/// cannot run now (Redis unreachable) does not stop the service: the first GetTierDistribution counts instead.
/// </summary>
public sealed class TierCountRebuild(ScoreStore scores, ILogger<TierCountRebuild> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await scores.EnsureTierCountsAsync())
                logger.LogInformation("Counted the talents per tier from the stored evaluations");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not count the talents per tier at start-up; the first GetTierDistribution will");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
