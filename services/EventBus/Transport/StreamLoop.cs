using Microsoft.Extensions.Logging;

namespace TalentMesh.EventBus.Transport;

/// <summary>One round of work on a stream read through a consumer group: the relay's outbox and the consumer's topics.</summary>
public interface IStreamWork
{
    /// <summary>Names the loop in logs.</summary>
    string Name { get; }

    /// <summary>Creates the consumer groups; run again after Redis reported a group missing (NOGROUP).</summary>
    Task PrepareAsync(CancellationToken stoppingToken);

    /// <summary>Takes care of pending entries (retry, reclaim, dead-letter) and housekeeping; due every reclaim interval.</summary>
    Task ReclaimAsync(CancellationToken stoppingToken);

    /// <summary>Reads and handles new entries; false when there were none.</summary>
    Task<bool> ReadAsync(CancellationToken stoppingToken);

    /// <summary>Waits after a read that found nothing (a blocking read has already waited).</summary>
    Task IdleAsync(CancellationToken stoppingToken);
}

/// <summary>
/// The loop the relay and the consumer share: prepare the groups, reclaim pending entries every interval — also under a
/// standing backlog, so a failed entry never waits for an idle moment — read new entries, and back off after a failure.
/// </summary>
public sealed partial class StreamLoop(TimeProvider timeProvider, ILogger<StreamLoop> logger)
{
    public async Task RunAsync(IStreamWork work, TimeSpan reclaimInterval, TimeSpan backoff, CancellationToken stoppingToken)
    {
        var nextReclaim = timeProvider.GetUtcNow();
        var prepared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                {
                    await work.PrepareAsync(stoppingToken);
                    prepared = true;
                }
                if (timeProvider.GetUtcNow() >= nextReclaim)
                {
                    nextReclaim = timeProvider.GetUtcNow() + reclaimInterval;
                    await work.ReclaimAsync(stoppingToken);
                }
                if (!await work.ReadAsync(stoppingToken))
                    await work.IdleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                prepared &= !StreamGroups.IsMissingGroup(exception);
                LogFailed(exception, work.Name);
                await Task.Delay(backoff, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Loop}: an iteration failed; retrying")]
    private partial void LogFailed(Exception exception, string loop);
}
