using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Policies;

/// <summary>
/// A policy as the editor holds it: every field of the API, amounts in yuan, dates as UTC days. <see cref="ToPolicy"/>
/// turns it into the request's <see cref="Policy"/> (amounts in whole fen); what it cannot express (a fraction of a
/// fen) comes back as a field violation under the API's own field name, shown where the server's would be.
/// </summary>
public sealed class PolicyDraft
{
    public static readonly Tier[] HeldTiers = [Tier.A, Tier.B, Tier.C, Tier.D, Tier.E];

    public static readonly ApprovalStage[] Stages = [ApprovalStage.PreliminaryReview, ApprovalStage.TalentOffice, ApprovalStage.FinanceBureau];

    public string PolicyId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public HashSet<Tier> EligibleTiers { get; } = [];

    public List<FactConditionRow> Conditions { get; } = [];

    public PaymentForm PaymentForm { get; set; } = PaymentForm.OneOff;

    public decimal? Amount { get; set; }

    public List<AmountRuleRow> AmountRules { get; } = [];

    public int Installments { get; set; } = 1;

    public int FrequencyTimes { get; set; }

    public FrequencyPeriod FrequencyPeriod { get; set; } = FrequencyPeriod.Unspecified;

    public string ExclusionGroup { get; set; } = "";

    public decimal? TotalBudget { get; set; }

    public int CountQuota { get; set; }

    public DateTime? OpensOn { get; set; }

    public DateTime? ClosesOn { get; set; }

    public List<MaterialRow> Materials { get; } = [];

    public HashSet<ApprovalStage> ApprovalStages { get; } = [];

    public int PublicNoticeWorkingDays { get; set; }

    public bool AutomaticGrant { get; set; }

    public static PolicyDraft From(Policy policy)
    {
        var draft = new PolicyDraft
        {
            PolicyId = policy.PolicyId,
            Title = policy.Title,
            Description = policy.Description,
            PaymentForm = policy.PaymentForm,
            Amount = Yuan.Of(policy.Amount),
            Installments = policy.Installments,
            FrequencyTimes = policy.FrequencyLimit?.Times ?? 0,
            FrequencyPeriod = policy.FrequencyLimit?.Period ?? FrequencyPeriod.Unspecified,
            ExclusionGroup = policy.ExclusionGroup,
            TotalBudget = Yuan.Of(policy.TotalBudget),
            CountQuota = policy.CountQuota,
            OpensOn = policy.ApplicationOpensAt?.ToDateTime(),
            ClosesOn = policy.ApplicationClosesAt?.ToDateTime(),
            PublicNoticeWorkingDays = policy.PublicNoticeWorkingDays,
            AutomaticGrant = policy.AutomaticGrant,
        };
        draft.EligibleTiers.UnionWith(policy.EligibleTiers);
        draft.ApprovalStages.UnionWith(policy.ApprovalStages);
        draft.Conditions.AddRange(policy.Conditions?.Facts.Select(RowOf) ?? []);
        draft.AmountRules.AddRange(policy.AmountRules.Select(rule => new AmountRuleRow { Tier = rule.Tier, Education = rule.Education, Amount = Yuan.Of(rule.Amount) }));
        draft.Materials.AddRange(policy.RequiredMaterials.Select(material => new MaterialRow
            { MaterialId = material.MaterialId, Title = material.Title, Description = material.Description, Optional = material.Optional }));
        return draft;
    }

    /// <summary>The API's policy; <paramref name="violations"/> gets "policy.…" fields the editor could not convert.</summary>
    public Policy ToPolicy(IDictionary<string, string> violations, string fractionOfFen)
    {
        var policy = new Policy
        {
            PolicyId = PolicyId,
            Title = Title.Trim(),
            Description = Description.Trim(),
            Conditions = new EligibilityConditions(),
            PaymentForm = PaymentForm,
            Installments = Installments,
            FrequencyLimit = FrequencyTimes == 0 && FrequencyPeriod == FrequencyPeriod.Unspecified
                ? null
                : new FrequencyLimit { Times = FrequencyTimes, Period = FrequencyPeriod },
            ExclusionGroup = ExclusionGroup.Trim(),
            CountQuota = CountQuota,
            ApplicationOpensAt = Day(OpensOn),
            ApplicationClosesAt = Day(ClosesOn),
            PublicNoticeWorkingDays = PublicNoticeWorkingDays,
            AutomaticGrant = AutomaticGrant,
        };
        policy.EligibleTiers.AddRange(HeldTiers.Where(EligibleTiers.Contains));
        policy.ApprovalStages.AddRange(Stages.Where(ApprovalStages.Contains));
        policy.Conditions.Facts.AddRange(Conditions.Select(ConditionOf));
        policy.Amount = MoneyOf(Amount, "policy.amount");
        policy.TotalBudget = MoneyOf(TotalBudget, "policy.total_budget");
        for (var i = 0; i < AmountRules.Count; i++)
            policy.AmountRules.Add(new AmountRule
            {
                Tier = AmountRules[i].Tier,
                Education = AmountRules[i].Education.Trim(),
                Amount = MoneyOf(AmountRules[i].Amount, $"policy.amount_rules[{i}].amount"),
            });
        policy.RequiredMaterials.AddRange(Materials.Select(material => new RequiredMaterial
        {
            MaterialId = material.MaterialId.Trim(),
            Title = material.Title.Trim(),
            Description = material.Description.Trim(),
            Optional = material.Optional,
        }));
        return policy;

        Google.Type.Money? MoneyOf(decimal? yuan, string field)
        {
            if (yuan is null)
                return null;
            if (Yuan.ToFen(yuan.Value) is { } fen)
                return Yuan.Money(fen);
            violations[field] = fractionOfFen;
            return null;
        }
    }

    private static Timestamp? Day(DateTime? day) =>
        day is null ? null : Timestamp.FromDateTime(DateTime.SpecifyKind(day.Value.Date, DateTimeKind.Utc));

    private static FactCondition ConditionOf(FactConditionRow row)
    {
        var condition = new FactCondition { Fact = row.Fact.Trim() };
        switch (row.Kind)
        {
            case FactTestKind.Category:
                condition.Category = new CategoryTest();
                condition.Category.AnyOf.AddRange(row.Values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            case FactTestKind.Number:
                condition.Number = new NumberTest();
                if (row.Min is { } min)
                    condition.Number.Min = min;
                if (row.Max is { } max)
                    condition.Number.Max = max;
                break;
            case FactTestKind.Flag:
                condition.Flag = row.Flag;
                break;
            case FactTestKind.Date:
                condition.Date = new DateTest { WithinMonths = row.WithinMonths };
                break;
        }
        return condition;
    }

    private static FactConditionRow RowOf(FactCondition condition) => condition.TestCase switch
    {
        FactCondition.TestOneofCase.Number => new FactConditionRow
        {
            Fact = condition.Fact, Kind = FactTestKind.Number,
            Min = condition.Number.HasMin ? condition.Number.Min : null, Max = condition.Number.HasMax ? condition.Number.Max : null,
        },
        FactCondition.TestOneofCase.Flag => new FactConditionRow { Fact = condition.Fact, Kind = FactTestKind.Flag, Flag = condition.Flag },
        FactCondition.TestOneofCase.Date => new FactConditionRow { Fact = condition.Fact, Kind = FactTestKind.Date, WithinMonths = condition.Date.WithinMonths },
        _ => new FactConditionRow { Fact = condition.Fact, Kind = FactTestKind.Category, Values = string.Join(", ", condition.Category?.AnyOf ?? []) },
    };
}
