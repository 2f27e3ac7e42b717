using TalentMesh.Contracts.Common.V1;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;
using RedemptionStatus = TalentMesh.Contracts.Redemption.V1.RedemptionStatus;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// A stored redemption: the resource as the API shows it, plus what only the service needs — the status a
/// suspension interrupted, the money it currently commits against the policy budget, its exclusion group, and whether
/// it holds one of the policy's approval places (count quota) since its final approval.
/// </summary>
public sealed record RedemptionRecord(RedemptionView View, RedemptionStatus SuspendedFrom, long ReservedFen, string ExclusionGroup, bool HasPlace = false)
{
    public string Id => View.RedemptionId;

    public RedemptionStatus Status => View.Status;

    /// <summary>Holds its policy place: a second redemption of the same policy is refused while this one lives.</summary>
    public bool HoldsPolicy => Status is RedemptionStatus.PendingReview or RedemptionStatus.PublicNotice or RedemptionStatus.Disbursing
        or RedemptionStatus.DisbursementFailed or RedemptionStatus.Suspended && !FailedForGood;

    /// <summary>A non-retryable payment failure ends the redemption (its unpaid money was released).</summary>
    public bool FailedForGood => Status == RedemptionStatus.DisbursementFailed
        && View.Disbursements.LastOrDefault() is { Failure.Retryable: false };

    public Tier Tier => View.Tier;
}
