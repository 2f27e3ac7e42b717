using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Reevaluation;

public static class RolloutViews
{
    /// <summary>The progress, with an end estimated from the rate so far.</summary>
    public static Rollout View(RolloutProgress progress, DateTimeOffset now)
    {
        var rollout = new Rollout
        {
            Hash = progress.Hash,
            PreviousHash = progress.Previous,
            State = progress.Phase switch
            {
                RolloutPhase.Running => RolloutState.Running,
                RolloutPhase.Completed => RolloutState.Completed,
                _ => RolloutState.Superseded,
            },
            Total = (int)Math.Min(int.MaxValue, progress.Total),
            Done = (int)Math.Min(int.MaxValue, progress.Phase == RolloutPhase.Completed ? Math.Max(progress.Done, progress.Total) : progress.Done),
            Changed = (int)Math.Min(int.MaxValue, progress.Changed),
            StartedAt = EngineFacts.Timestamp(progress.StartedAt),
        };
        if (progress.CompletedAt is { } completed)
            rollout.CompletedAt = EngineFacts.Timestamp(completed);
        else if (progress.Done > 0 && now > progress.StartedAt && progress.Done < progress.Total)
        {
            var perTalent = (now - progress.StartedAt) / progress.Done;
            rollout.EstimatedEnd = EngineFacts.Timestamp(now + (perTalent * (progress.Total - progress.Done)));
        }
        return rollout;
    }
}
