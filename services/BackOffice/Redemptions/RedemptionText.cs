using Microsoft.Extensions.Localization;
using TalentMesh.BackOffice.Layout;
using TalentMesh.BackOffice.Resources;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Redemptions;

/// <summary>A redemption's state in words: the status, and for one under review the stage it waits at.</summary>
public static class RedemptionText
{
    public static string Status(IStringLocalizer<UiText> text, Redemption redemption) =>
        redemption.Status is RedemptionStatus.PendingReview or RedemptionStatus.Suspended
            ? $"{text.Enum(redemption.Status)} · {text.Enum(redemption.CurrentStage)}"
            : text.Enum(redemption.Status);
}
