using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Policies;

/// <summary>A policy's usage figures in fen and counts; null limits are "unlimited" (no budget, quota 0).</summary>
public sealed record BudgetUsage(long? TotalFen, long CommittedFen, int Approved, int? Quota)
{
    public long? RemainingFen => TotalFen is { } total ? Math.Max(0, total - CommittedFen) : null;

    public static BudgetUsage Of(Policy policy) => new(
        policy.TotalBudget is { } budget ? Yuan.Fen(budget) : null,
        policy.BudgetCommitted is { } committed ? Yuan.Fen(committed) : 0,
        policy.ApprovedCount,
        policy.CountQuota > 0 ? policy.CountQuota : null);
}
