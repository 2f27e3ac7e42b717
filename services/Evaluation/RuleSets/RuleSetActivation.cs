using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Reevaluation;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// Makes a published rule set the one in force and starts its rollout, in the caller's unit of work: the switch and
/// the rollout record commit together, so a crash leaves either neither or a rollout to resume.
/// </summary>
public sealed class RuleSetActivation(RuleSetStore ruleSets, RolloutStore rollouts, FactsStore facts, RolloutSignal signal)
{
    /// <summary>Stages the activation; false when <paramref name="hash"/> is already in force.</summary>
    public async Task<bool> StageAsync(EventUnitOfWork unit, string hash, DateTimeOffset now)
    {
        var previous = await ruleSets.ActiveHashAsync();
        if (previous == hash)
        {
            ruleSets.StageActivationSkipped(unit, hash);
            return false;
        }
        ruleSets.StageActivation(unit, hash, previous);
        rollouts.StageStart(unit, hash, previous, previous is null ? 0 : await facts.CountAsync(), now);
        return true;
    }

    /// <summary>After the commit: wake the rollout runner.</summary>
    public void Activated() => signal.Notify();
}
