using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Eligibility;

/// <summary>The per-installment amount for a talent: the first amount rule matching tier and education, else the policy amount.</summary>
public static class AmountResolver
{
    public static long PerInstallmentFen(Policy policy, TalentProfile talent)
    {
        if (policy.PaymentForm == PaymentForm.Service)
            return 0;
        var education = talent.Fact("education") is { ValueCase: Fact.ValueOneofCase.Category } fact ? fact.Category : "";
        foreach (var rule in policy.AmountRules)
        {
            if ((rule.Tier == Tier.Unspecified || rule.Tier == talent.Tier) && (rule.Education.Length == 0 || rule.Education == education))
                return Fen.From(rule.Amount);
        }
        return policy.Amount is null ? 0 : Fen.From(policy.Amount);
    }

    public static int Installments(Policy policy) => policy.PaymentForm is PaymentForm.Monthly or PaymentForm.Yearly ? policy.Installments : 1;

    /// <summary>What approving this redemption commits against the budget: every installment.</summary>
    public static long TotalFen(Policy policy, TalentProfile talent) => PerInstallmentFen(policy, talent) * Installments(policy);
}
