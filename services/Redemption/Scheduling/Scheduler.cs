using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Redemptions;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Redemption.Scheduling;

/// <summary>
/// Runs due schedule entries on a <see cref="TimeProvider"/> timer (tests move a fake clock): the end of a public
/// notice moves the redemption on to disbursement; a due installment is announced to the talent. Each entry is
/// claimed and handled in one commit, so a crash or a second replica neither loses nor repeats it.
/// </summary>
public sealed class Scheduler(ScheduleStore schedule, RedemptionStore redemptions, RedemptionCommitter committer, RedemptionWorkflow workflow,
    NotificationStore notifications, EventUnitOfWorkFactory units, TimeProvider time, ILogger<Scheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await RunDueAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Running due schedule entries failed; they stay scheduled");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await schedule.DueAsync(time.GetUtcNow(), 100, cancellationToken);
            if (due.Count == 0)
                return;
            foreach (var (member, score) in due)
                await RunAsync(member, score, cancellationToken);
        }
    }

    private async Task RunAsync(string member, double score, CancellationToken cancellationToken)
    {
        var separator = member.IndexOf('|');
        var (kind, redemptionId) = (member[..separator], member[(separator + 1)..]);
        var stored = await redemptions.LoadAsync(redemptionId, cancellationToken);
        var unit = units.Begin();
        schedule.Claim(unit, member, score);
        if (stored is not null && kind == ScheduleStore.NoticeEnd && stored.Record.Status == Contracts.Redemption.V1.RedemptionStatus.PublicNotice)
        {
            try
            {
                await committer.RunAsync(redemptionId, (record, policy) => workflow.EndNotice(record, policy, time.GetUtcNow()), "system",
                    time.GetUtcNow, null, u => schedule.Claim(u, member, score), cancellationToken);
                return;
            }
            catch (WorkflowViolationException)
            {
                // Suspended or voided meanwhile: the entry is dropped below; a resume schedules it again.
            }
        }
        else if (stored is not null && kind == ScheduleStore.InstallmentDue && stored.Record.Status == Contracts.Redemption.V1.RedemptionStatus.Disbursing)
        {
            var view = stored.Record.View;
            notifications.Add(unit, view.TalentId, NotificationKind.RedemptionStatusChanged, $"{view.PolicyTitle}: installment {view.InstallmentsPaid + 1} due",
                $"Installment {view.InstallmentsPaid + 1} of {view.Installments} is due for payment.", view.PolicyId, view.RedemptionId, time.GetUtcNow());
        }
        await unit.CommitAsync();
    }
}
