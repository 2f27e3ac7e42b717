using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Eligibility;

namespace TalentMesh.Redemption.Budgets;

/// <summary>A policy's committed money (fen) and number of approved redemptions.</summary>
public sealed record BudgetUsage(long CommittedFen, int Approved)
{
    public static readonly BudgetUsage None = new(0, 0);

    /// <summary>Null when <paramref name="fen"/> more and one more approval fit the budget and quota; otherwise why not.</summary>
    public Blocker? CannotReserve(Policy policy, long fen)
    {
        if (policy.CountQuota > 0 && Approved >= policy.CountQuota)
            return new Blocker(Blocker.QuotaExhausted, $"all {policy.CountQuota} places of this benefit are taken");
        if (policy.TotalBudget is { } budget && CommittedFen + fen > Fen.From(budget))
            return new Blocker(Blocker.BudgetExhausted, "the budget of this benefit is used up");
        return null;
    }

    public BudgetUsage Reserve(long fen) => new(CommittedFen + fen, Approved + 1);
}
