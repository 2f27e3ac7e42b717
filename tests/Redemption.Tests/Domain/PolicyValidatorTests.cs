using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Facts;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Tests.Support;

namespace TalentMesh.Redemption.Tests.Domain;

public sealed class PolicyValidatorTests
{
    private static IReadOnlyList<string> Fields(Policy policy) =>
        [.. PolicyValidator.Validate(policy, FactsVocabulary.Default).Select(v => v.Field)];

    [Fact]
    public void Validate_ShippedExamples_HaveNoViolations()
    {
        Assert.Empty(Fields(Support.Policies.RentSubsidy()));
        Assert.Empty(Fields(Support.Policies.PurchaseSubsidy()));
        Assert.Empty(Fields(Support.Policies.GraduateAllowance()));
        Assert.Empty(Fields(Support.Policies.Transport()));
    }

    [Fact]
    public void Validate_NegativeAndFractionalFen_NameTheAmounts()
    {
        var policy = Support.Policies.GraduateAllowance();
        policy.Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = -5 };
        policy.AmountRules[0].Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 10, Nanos = 5_000_000 };
        policy.AmountRules[1].Amount = new Google.Type.Money { CurrencyCode = "USD", Units = 10 };
        Assert.Equal(["policy.amount", "policy.amount_rules[0].amount", "policy.amount_rules[1].amount"], Fields(policy));
    }

    [Fact]
    public void Validate_WindowClosingBeforeOpening_NamesClosesAt()
    {
        var policy = Support.Policies.PurchaseSubsidy();
        policy.ApplicationOpensAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        policy.ApplicationClosesAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(["policy.application_closes_at"], Fields(policy));
    }

    [Fact]
    public void Validate_UnknownAndNonHeldTiers_NameEachTier()
    {
        var policy = Support.Policies.PurchaseSubsidy();
        policy.EligibleTiers.Clear();
        policy.EligibleTiers.Add([Tier.None, (Tier)42, Tier.C, Tier.C]);
        Assert.Equal(["policy.eligible_tiers[0]", "policy.eligible_tiers[1]", "policy.eligible_tiers[3]"], Fields(policy));
    }

    [Fact]
    public void Validate_NoTier_NamesEligibleTiers()
    {
        var policy = Support.Policies.PurchaseSubsidy();
        policy.EligibleTiers.Clear();
        Assert.Equal(["policy.eligible_tiers"], Fields(policy));
    }

    [Fact]
    public void Validate_StagesOutOfOrderOrRepeated_NameTheStage()
    {
        var policy = Support.Policies.RentSubsidy();
        policy.ApprovalStages.Clear();
        policy.ApprovalStages.Add([ApprovalStage.TalentOffice, ApprovalStage.PreliminaryReview, ApprovalStage.FinanceBureau, ApprovalStage.FinanceBureau]);
        Assert.Equal(["policy.approval_stages[1]", "policy.approval_stages[3]"], Fields(policy));
    }

    [Fact]
    public void Validate_ConditionsOutsideTheVocabulary_NameFactAndValue()
    {
        var policy = Support.Policies.PurchaseSubsidy();
        policy.Conditions = new EligibilityConditions
        {
            Facts =
            {
                new FactCondition { Fact = "education_level", Category = new CategoryTest { AnyOf = { "master" } } },
                new FactCondition { Fact = "education", Category = new CategoryTest { AnyOf = { "EDUCATION_LEVEL_MASTER" } } },
                new FactCondition { Fact = "social_insurance_months", Category = new CategoryTest { AnyOf = { "6" } } },
                new FactCondition { Fact = "social_insurance_months", Number = new NumberTest { Min = 12, Max = 6 } },
                new FactCondition { Fact = "graduation_date" },
            },
        };
        Assert.Equal(
            ["policy.conditions.facts[0].fact", "policy.conditions.facts[1].category.any_of[0]", "policy.conditions.facts[2]",
                "policy.conditions.facts[3].number.max", "policy.conditions.facts[4]"],
            Fields(policy));
    }

    [Fact]
    public void Validate_PaymentShapes_NameInconsistentFields()
    {
        var service = Support.Policies.Transport();
        service.Amount = Budgets.Fen.ToMoney(100);
        Assert.Equal(["policy.amount"], Fields(service));

        var monthly = Support.Policies.RentSubsidy();
        monthly.Installments = 0;
        Assert.Equal(["policy.installments"], Fields(monthly));

        var unspecified = Support.Policies.PurchaseSubsidy();
        unspecified.PaymentForm = PaymentForm.Unspecified;
        Assert.Equal(["policy.payment_form"], Fields(unspecified));
    }

    [Fact]
    public void Validate_OtherFields_AreEachNamed()
    {
        var policy = Support.Policies.PurchaseSubsidy();
        policy.Title = "";
        policy.FrequencyLimit = new FrequencyLimit { Times = 2 };
        policy.ExclusionGroup = "Housing!";
        policy.TotalBudget = Budgets.Fen.ToMoney(0);
        policy.CountQuota = -1;
        policy.PublicNoticeWorkingDays = -3;
        policy.AutomaticGrant = true;
        policy.RequiredMaterials.Add(new RequiredMaterial { MaterialId = "lease", Title = "Lease" });
        Assert.Equal(
            ["policy.title", "policy.frequency_limit.period", "policy.exclusion_group", "policy.total_budget", "policy.count_quota",
                "policy.automatic_grant", "policy.public_notice_working_days"],
            Fields(policy));
    }
}
