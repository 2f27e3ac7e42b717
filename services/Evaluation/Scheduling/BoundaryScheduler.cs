using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Scheduling;

/// <summary>
/// At every tick of the service's clock, re-evaluates the talents whose next time boundary has passed (a birthday
/// leaving an age band, a certification lapsing). Each evaluation writes the talent's following boundary.
/// </summary>
public sealed class BoundaryScheduler(ScheduleStore schedule, TalentReevaluation reevaluation, IOptions<EvaluationOptions> options,
    TimeProvider time, ILogger<BoundaryScheduler> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Scheduled re-evaluation failed; the talents stay due for the next tick");
            }
        }
    }

    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        // Bounded: a talent whose boundary did not move cannot keep this loop spinning within one tick.
        for (var round = 0; round < 100; round++)
        {
            var due = await schedule.DueAsync(time.GetUtcNow(), Batch);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (talentId, _) => await reevaluation.ReevaluateAsync(talentId, EvaluationTrigger.Scheduled, (_, _) => true));
            if (due.Length < Batch)
                return;
        }
    }
}
