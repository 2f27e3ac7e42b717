using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Talents;
using TalentMesh.Redemption.Tests.Support;
using static TalentMesh.Redemption.Tests.Support.Talents;

namespace TalentMesh.Redemption.Tests.Domain;

public sealed class EligibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static Policy Published(Policy policy)
    {
        policy.PolicyId = "p1";
        policy.Status = PolicyStatus.Published;
        return policy;
    }

    [Fact]
    public void Check_RecentMasterGraduate_IsEligibleWithMasterAmount()
    {
        var policy = Published(Support.Policies.GraduateAllowance());
        var talent = Profile(Tier.E, Category("education", "master"), Date("graduation_date", Today.AddMonths(-6)));
        Assert.Empty(EligibilityRules.Check(policy, talent, Today));
        Assert.Equal(3_000_000, AmountResolver.PerInstallmentFen(policy, talent));
    }

    [Fact]
    public void Check_EachFailingCondition_IsAReason()
    {
        var policy = Published(Support.Policies.GraduateAllowance());
        var talent = Profile(Tier.E, Category("education", "bachelor"), Date("graduation_date", Today.AddMonths(-30)));
        Assert.Equal([Blocker.ConditionNotMet, Blocker.ConditionNotMet], EligibilityRules.Check(policy, talent, Today).Select(b => b.Reason));
    }

    [Fact]
    public void Check_MissingFact_FailsItsCondition()
    {
        var policy = Published(Support.Policies.GraduateAllowance());
        var talent = Profile(Tier.E, Category("education", "doctor"));
        var blocker = Assert.Single(EligibilityRules.Check(policy, talent, Today));
        Assert.Contains("graduation_date", blocker.Text);
    }

    [Fact]
    public void Check_TierOutsidePolicy_IsTierReason()
    {
        var policy = Published(Support.Policies.RentSubsidy());
        Assert.Equal([Blocker.TierNotEligible], EligibilityRules.Check(policy, Profile(Tier.B), Today).Select(b => b.Reason));
        Assert.Equal([Blocker.TierNotEligible], EligibilityRules.Check(policy, Profile(Tier.None), Today).Select(b => b.Reason));
    }

    [Fact]
    public void Check_NotEvaluatedOrCodeRevoked_AreReasons()
    {
        var policy = Published(Support.Policies.RentSubsidy());
        Assert.Equal([Blocker.NotEvaluated], EligibilityRules.Check(policy, TalentProfile.NotEvaluated("t1"), Today).Select(b => b.Reason));
        Assert.Equal([Blocker.CodeRevoked], EligibilityRules.Check(policy, Profile(Tier.E) with { Code = CodeState.Revoked }, Today).Select(b => b.Reason));
    }

    [Fact]
    public void Check_NumberAndFlagConditions_TestBounds()
    {
        var policy = Published(Support.Policies.RentSubsidy());
        policy.Conditions = new EligibilityConditions
        {
            Facts =
            {
                new FactCondition { Fact = "social_insurance_months", Number = new NumberTest { Min = 6 } },
                new FactCondition { Fact = "employer_type", Category = new CategoryTest { AnyOf = { "little_giant", "national_hightech_leading", "hightech_enterprise", "tech_sme", "other_in_zone" } } },
            },
        };
        Assert.Empty(EligibilityRules.Check(policy, Profile(Tier.E, Number("social_insurance_months", 6), Category("employer_type", "other_in_zone")), Today));
        Assert.Single(EligibilityRules.Check(policy, Profile(Tier.E, Number("social_insurance_months", 5), Category("employer_type", "tech_sme")), Today));
    }

    [Fact]
    public void RedeemRules_LiveBenefitOfSameGroup_Excludes()
    {
        var policy = Published(Support.Policies.PurchaseSubsidy());
        var holdings = TalentHoldings.None with { LiveByGroup = new Dictionary<string, string> { ["housing"] = "rdm_rent" } };
        var blocker = Assert.Single(RedeemRules.Check(policy, Profile(Tier.E), holdings, BudgetUsage.None, Now));
        Assert.Equal(Blocker.Excluded, blocker.Reason);
    }

    [Fact]
    public void RedeemRules_SamePolicyLive_IsAlreadyHeld()
    {
        var policy = Published(Support.Policies.PurchaseSubsidy());
        var holdings = TalentHoldings.None with { LiveByPolicy = new Dictionary<string, string> { ["p1"] = "rdm_1" } };
        Assert.Equal([Blocker.AlreadyHeld], RedeemRules.Check(policy, Profile(Tier.E), holdings, BudgetUsage.None, Now).Select(b => b.Reason));
    }

    [Fact]
    public void RedeemRules_FrequencyLimit_CountsOnlyTheCurrentPeriod()
    {
        var policy = Published(Support.Policies.PurchaseSubsidy());
        policy.FrequencyLimit = new FrequencyLimit { Times = 1, Period = FrequencyPeriod.Year };
        var lastYear = TalentHoldings.None with { CountedRequests = [new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.FromHours(8))] };
        Assert.Empty(RedeemRules.Check(policy, Profile(Tier.E), lastYear, BudgetUsage.None, Now));
        var thisYear = TalentHoldings.None with { CountedRequests = [new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))] };
        Assert.Equal([Blocker.FrequencyLimit], RedeemRules.Check(policy, Profile(Tier.E), thisYear, BudgetUsage.None, Now).Select(b => b.Reason));
    }

    [Fact]
    public void RedeemRules_OutsideWindow_NamesTheSide()
    {
        var policy = Published(Support.Policies.PurchaseSubsidy());
        policy.ApplicationOpensAt = Timestamp.FromDateTimeOffset(Now.AddDays(1));
        Assert.Equal([Blocker.WindowNotOpen], RedeemRules.Check(policy, Profile(Tier.E), TalentHoldings.None, BudgetUsage.None, Now).Select(b => b.Reason));
        policy.ApplicationOpensAt = Timestamp.FromDateTimeOffset(Now.AddDays(-10));
        policy.ApplicationClosesAt = Timestamp.FromDateTimeOffset(Now);
        Assert.Equal([Blocker.WindowClosed], RedeemRules.Check(policy, Profile(Tier.E), TalentHoldings.None, BudgetUsage.None, Now).Select(b => b.Reason));
    }

    [Fact]
    public void RedeemRules_QuotaAndBudget_AreExhaustion()
    {
        var policy = Published(Support.Policies.PurchaseSubsidy());
        policy.CountQuota = 2;
        policy.TotalBudget = Fen.ToMoney(50_000_000);
        var quota = Assert.Single(RedeemRules.Check(policy, Profile(Tier.E), TalentHoldings.None, new BudgetUsage(0, 2), Now));
        Assert.True(quota.IsExhaustion);
        Assert.Equal(Blocker.QuotaExhausted, quota.Reason);
        Assert.Empty(RedeemRules.Check(policy, Profile(Tier.E), TalentHoldings.None, new BudgetUsage(30_000_000, 1), Now));
        Assert.Equal([Blocker.BudgetExhausted], RedeemRules.Check(policy, Profile(Tier.E), TalentHoldings.None, new BudgetUsage(30_000_001, 1), Now).Select(b => b.Reason));
    }
}
