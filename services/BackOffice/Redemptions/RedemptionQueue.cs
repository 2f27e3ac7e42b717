using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Redemptions;

/// <summary>
/// The queues an office works: pending review at each approval stage, then the later states that need an officer
/// (public notice running, disbursing, failed payment, suspended). Each maps to a ListRedemptions filter.
/// </summary>
public sealed record RedemptionQueue(string Key, RedemptionStatus Status, ApprovalStage Stage)
{
    public static readonly IReadOnlyList<RedemptionQueue> All =
    [
        new("preliminary", RedemptionStatus.PendingReview, ApprovalStage.PreliminaryReview),
        new("talent-office", RedemptionStatus.PendingReview, ApprovalStage.TalentOffice),
        new("finance-bureau", RedemptionStatus.PendingReview, ApprovalStage.FinanceBureau),
        new("public-notice", RedemptionStatus.PublicNotice, ApprovalStage.Unspecified),
        new("disbursing", RedemptionStatus.Disbursing, ApprovalStage.Unspecified),
        new("failed", RedemptionStatus.DisbursementFailed, ApprovalStage.Unspecified),
        new("suspended", RedemptionStatus.Suspended, ApprovalStage.Unspecified),
        new("all", RedemptionStatus.Unspecified, ApprovalStage.Unspecified),
    ];

    public static RedemptionQueue Find(string? key) => All.FirstOrDefault(queue => queue.Key == key) ?? All[0];

    public ListRedemptionsRequest ToRequest(string policyId, string pageToken, int pageSize) => new()
    {
        Status = Status,
        Stage = Stage,
        PolicyId = policyId.Trim(),
        PageToken = pageToken,
        PageSize = pageSize,
    };
}
