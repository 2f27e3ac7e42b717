using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// Automatic grants (免申即享): the service redeems an automatic policy for a talent who qualifies, at most once per
/// period of the policy's frequency limit (once ever without one). The idempotency key names policy, talent and
/// period, so a redelivered event or a resumed match job grants nothing twice.
/// </summary>
public sealed class AutoGrants(Redeemer redeemer, PolicyStore policies, IdempotencyStore idempotency, TimeProvider time)
{
    public async Task GrantAsync(IEnumerable<Policy> published, TalentProfile talent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var policy in published.Where(p => p.AutomaticGrant && EligibilityRules.IsEligible(p, talent, ChinaTime.Today(now))))
        {
            var key = idempotency.Key("system", "auto-grant", $"{policy.PolicyId}.{talent.TalentId}.{FrequencyWindow.PeriodKey(policy.FrequencyLimit, now)}");
            try
            {
                // The remembered copy: a published policy's terms do not change, and the commit checks its revision.
                if (await policies.CurrentAsync(policy.PolicyId, cancellationToken) is not { } stored)
                    continue;
                await redeemer.RedeemAsync(stored, talent.TalentId, [], automatic: true, (key, "auto"), time.GetUtcNow, cancellationToken);
            }
            catch (DomainException refused) when (refused is WorkflowViolationException or QuotaExceededException)
            {
                // Held already, excluded, outside the window or out of budget: nothing to grant now.
            }
        }
    }
}
