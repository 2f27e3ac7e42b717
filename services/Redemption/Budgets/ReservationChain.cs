using System.Collections.Concurrent;

namespace TalentMesh.Redemption.Budgets;

/// <summary>
/// The usage each policy will have once the reservations already sent commit. Under the policy's lock a final
/// approval reserves on top of it and sends its commit (which enters the ordered commit queue at once), so approvals
/// of one policy pipeline instead of waiting a round trip each. The commit conditions still guard every reservation:
/// if one in the chain fails, the chain is dropped, the next approval reads usage from Redis, and those that were
/// chained behind it fail their conditions and are decided again.
/// </summary>
public sealed class ReservationChain
{
    private readonly ConcurrentDictionary<string, BudgetUsage> expected = new(StringComparer.Ordinal);

    public BudgetUsage? Expected(string policyId) => expected.TryGetValue(policyId, out var usage) ? usage : null;

    public void Extend(string policyId, BudgetUsage after) => expected[policyId] = after;

    public void Drop(string policyId) => expected.TryRemove(policyId, out _);
}
