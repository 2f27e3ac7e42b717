using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Registration.Audit;
using TalentMesh.Registration.TalentCodes;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Tiers;

/// <summary>
/// Keeps the tier projection and the talent's code in step with Evaluation: a result older than the one held is
/// dropped (delivery is unordered), a gained tier issues a code serial, a lost or lapsed one revokes it — all in the
/// same commit as the inbox marker.
/// </summary>
public sealed class TalentEvaluatedHandler(RedisReader reader, TierStore tiers, TalentCodeStore codes, CodeLedger ledger, AuditStore audit, TimeProvider time)
    : IIntegrationEventHandler<TalentEvaluated>
{
    public async Task HandleAsync(TalentEvaluated evaluated, EventContext context, CancellationToken cancellationToken)
    {
        var standing = EvaluationRules.Standing(evaluated);
        // Both reads leave together, in one pass through the resilience pipeline; the code is not needed for a stale event.
        var (current, active) = await reader.ReadAsync(async db =>
        {
            var tier = tiers.ReadAsync(db, evaluated.TalentId);
            var code = codes.ReadActiveAsync(db, evaluated.TalentId);
            return (await tier, await code);
        }, cancellationToken);
        var unit = context.BeginUnitOfWork();
        if (current is not null && current.Sequence >= standing.Sequence)
        {
            // Stale: only the inbox marker commits, so a redelivery is not even read again.
            await EventContext.CommitAsync(unit);
            return;
        }
        var now = time.GetUtcNow();
        tiers.Save(unit, evaluated.TalentId, standing, current?.Sequence);
        var decision = CodeDecision.AfterEvaluation(active, standing, now);
        ledger.Apply(unit, evaluated.TalentId, active, decision, AuditRecord.System, now);
        audit.Append(unit, AuditRecord.Of(AuditRecord.System, "tier.recorded", evaluated.TalentId, now,
            before: new Dictionary<string, string> { ["tier"] = (current?.Tier ?? default).ToString(), ["evaluation_sequence"] = (current?.Sequence ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            after: new Dictionary<string, string> { ["tier"] = standing.Tier.ToString(), ["evaluation_sequence"] = standing.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), ["vetoed"] = standing.Vetoed.ToString() }));
        await EventContext.CommitAsync(unit);
    }
}
