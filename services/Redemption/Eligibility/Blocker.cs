namespace TalentMesh.Redemption.Eligibility;

/// <summary>Why a talent cannot redeem a policy now: a machine-readable reason and a sentence for the talent.</summary>
public sealed record Blocker(string Reason, string Text)
{
    public const string NotEvaluated = "NOT_EVALUATED";
    public const string TierNotEligible = "TIER_NOT_ELIGIBLE";
    public const string CodeRevoked = "TALENT_CODE_REVOKED";
    public const string ConditionNotMet = "CONDITION_NOT_MET";
    public const string PolicyNotPublished = "POLICY_NOT_PUBLISHED";
    public const string WindowNotOpen = "APPLICATION_WINDOW_NOT_OPEN";
    public const string WindowClosed = "APPLICATION_WINDOW_CLOSED";
    public const string AlreadyHeld = "ALREADY_HELD";
    public const string Excluded = "EXCLUDED_BY_GROUP";
    public const string FrequencyLimit = "FREQUENCY_LIMIT";
    public const string QuotaExhausted = "QUOTA_EXHAUSTED";
    public const string BudgetExhausted = "BUDGET_EXHAUSTED";

    /// <summary>Quota and budget are resources (RESOURCE_EXHAUSTED), not the talent's situation (FAILED_PRECONDITION).</summary>
    public bool IsExhaustion => Reason is QuotaExhausted or BudgetExhausted;
}
