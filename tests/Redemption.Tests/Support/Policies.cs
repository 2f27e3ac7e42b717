using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;

namespace TalentMesh.Redemption.Tests.Support;

/// <summary>Valid policies to start from; each test changes what it is about.</summary>
public static class Policies
{
    public static Policy RentSubsidy(long fenPerMonth = 250_000, int months = 3) => new()
    {
        Title = "Rent subsidy",
        EligibleTiers = { Tier.D, Tier.E },
        PaymentForm = PaymentForm.Monthly,
        Amount = Fen.ToMoney(fenPerMonth),
        Installments = months,
        ExclusionGroup = "housing",
        ApprovalStages = { ApprovalStage.PreliminaryReview, ApprovalStage.TalentOffice, ApprovalStage.FinanceBureau },
    };

    public static Policy PurchaseSubsidy() => new()
    {
        Title = "Purchase subsidy",
        EligibleTiers = { Tier.B, Tier.C, Tier.D, Tier.E },
        PaymentForm = PaymentForm.OneOff,
        Amount = Fen.ToMoney(20_000_000),
        ExclusionGroup = "housing",
    };

    public static Policy GraduateAllowance() => new()
    {
        Title = "Graduate allowance",
        EligibleTiers = { Tier.A, Tier.B, Tier.C, Tier.D, Tier.E },
        Conditions = new EligibilityConditions
        {
            Facts =
            {
                new FactCondition { Fact = "education", Category = new CategoryTest { AnyOf = { "bachelor_degree", "master", "doctor" } } },
                new FactCondition { Fact = "graduation_date", Date = new DateTest { WithinMonths = 24 } },
            },
        },
        PaymentForm = PaymentForm.OneOff,
        Amount = Fen.ToMoney(1_000_000),
        AmountRules =
        {
            new AmountRule { Education = "doctor", Amount = Fen.ToMoney(5_000_000) },
            new AmountRule { Education = "master", Amount = Fen.ToMoney(3_000_000) },
        },
        FrequencyLimit = new FrequencyLimit { Times = 1, Period = FrequencyPeriod.Lifetime },
    };

    public static Policy Transport() => new()
    {
        Title = "Free public transport",
        EligibleTiers = { Tier.A, Tier.B, Tier.C, Tier.D, Tier.E },
        PaymentForm = PaymentForm.Service,
        AutomaticGrant = true,
    };

    public static Timestamp At(DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);
}
