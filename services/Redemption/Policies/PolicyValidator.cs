using System.Text.RegularExpressions;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Facts;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Redemption.Policies;

/// <summary>Checks a policy draft and names every offending field (as "policy.…"); nothing is stored when any fails.</summary>
public static partial class PolicyValidator
{
    public const int MaxInstallments = 120;
    public const int MaxNoticeWorkingDays = 60;

    public static IReadOnlyList<FieldViolation> Validate(Policy policy, FactsVocabulary vocabulary, string prefix = "policy.")
    {
        var violations = new List<FieldViolation>();
        void Add(string field, string description) => violations.Add(new FieldViolation(prefix + field, description));

        if (string.IsNullOrWhiteSpace(policy.Title))
            Add("title", "is required");
        else if (policy.Title.Length > 200)
            Add("title", "must be at most 200 characters");
        if (policy.Description.Length > 4000)
            Add("description", "must be at most 4000 characters");

        if (policy.EligibleTiers.Count == 0)
            Add("eligible_tiers", "must list at least one tier");
        for (var i = 0; i < policy.EligibleTiers.Count; i++)
        {
            if (!IsHeldTier(policy.EligibleTiers[i]))
                Add($"eligible_tiers[{i}]", "must be one of TIER_A … TIER_E");
            else if (policy.EligibleTiers.Take(i).Contains(policy.EligibleTiers[i]))
                Add($"eligible_tiers[{i}]", "is listed twice");
        }

        ValidateConditions(policy.Conditions, vocabulary, Add);
        ValidatePayment(policy, vocabulary, Add);

        if (policy.FrequencyLimit is { } limit)
        {
            if (limit.Times < 0)
                Add("frequency_limit.times", "must not be negative");
            if (limit.Times > 0 && !Enum.IsDefined(limit.Period) || limit.Times > 0 && limit.Period == FrequencyPeriod.Unspecified)
                Add("frequency_limit.period", "is required when times is set");
            if (limit.Times == 0 && limit.Period != FrequencyPeriod.Unspecified)
                Add("frequency_limit.times", "must be positive when a period is set");
        }
        if (policy.ExclusionGroup.Length > 0 && !GroupName().IsMatch(policy.ExclusionGroup))
            Add("exclusion_group", "must be 1–64 lower-case letters, digits, '-' or '_'");

        if (policy.TotalBudget is { } budget)
        {
            if (Fen.Problem(budget) is { } problem)
                Add("total_budget", problem);
            else if (Fen.From(budget) == 0)
                Add("total_budget", "must be positive (leave it unset for no budget limit)");
        }
        if (policy.CountQuota < 0)
            Add("count_quota", "must not be negative");

        if (policy.ApplicationOpensAt is { } opens && !IsValidTimestamp(opens))
            Add("application_opens_at", "is not a valid timestamp");
        if (policy.ApplicationClosesAt is { } closes)
        {
            if (!IsValidTimestamp(closes))
                Add("application_closes_at", "is not a valid timestamp");
            else if (policy.ApplicationOpensAt is { } open && IsValidTimestamp(open) && closes.ToDateTimeOffset() <= open.ToDateTimeOffset())
                Add("application_closes_at", "must be after application_opens_at");
        }

        for (var i = 0; i < policy.RequiredMaterials.Count; i++)
        {
            var material = policy.RequiredMaterials[i];
            if (string.IsNullOrWhiteSpace(material.MaterialId))
                Add($"required_materials[{i}].material_id", "is required");
            else if (policy.RequiredMaterials.Take(i).Any(m => m.MaterialId == material.MaterialId))
                Add($"required_materials[{i}].material_id", "is listed twice");
            if (string.IsNullOrWhiteSpace(material.Title))
                Add($"required_materials[{i}].title", "is required");
        }
        if (policy.AutomaticGrant && policy.RequiredMaterials.Any(m => !m.Optional))
            Add("automatic_grant", "an automatic grant cannot require materials (nobody submits them)");

        if (policy.PublicNoticeWorkingDays is < 0 or > MaxNoticeWorkingDays)
            Add("public_notice_working_days", $"must be between 0 and {MaxNoticeWorkingDays}");

        for (var i = 0; i < policy.ApprovalStages.Count; i++)
        {
            var stage = policy.ApprovalStages[i];
            if (stage == ApprovalStage.Unspecified || !Enum.IsDefined(stage))
                Add($"approval_stages[{i}]", "must be a known approval stage");
            else if (i > 0 && stage <= policy.ApprovalStages[i - 1])
                Add($"approval_stages[{i}]", "stages must be listed once each, in order (preliminary review → talent office → finance bureau)");
        }
        return violations;
    }

    public static bool IsHeldTier(Tier tier) => tier is Tier.A or Tier.B or Tier.C or Tier.D or Tier.E;

    private static void ValidateConditions(EligibilityConditions? conditions, FactsVocabulary vocabulary, Action<string, string> add)
    {
        if (conditions is null)
            return;
        for (var i = 0; i < conditions.Facts.Count; i++)
        {
            var condition = conditions.Facts[i];
            var field = $"conditions.facts[{i}]";
            var kind = vocabulary.KindOf(condition.Fact);
            if (kind is null)
            {
                add($"{field}.fact", $"'{condition.Fact}' is not a fact of the vocabulary");
                continue;
            }
            var expected = condition.TestCase switch
            {
                FactCondition.TestOneofCase.Category => FactKind.Category,
                FactCondition.TestOneofCase.Number => FactKind.Number,
                FactCondition.TestOneofCase.Flag => FactKind.Flag,
                FactCondition.TestOneofCase.Date => FactKind.Date,
                _ => (FactKind?)null,
            };
            if (expected is null)
                add(field, "a test (category, number, flag or date) is required");
            else if (expected != kind)
                add(field, $"'{condition.Fact}' is a {kind.ToString()!.ToLowerInvariant()} fact; use that test");
            else if (condition.TestCase == FactCondition.TestOneofCase.Category)
            {
                if (condition.Category.AnyOf.Count == 0)
                    add($"{field}.category.any_of", "must list at least one value");
                var declared = vocabulary.ValuesOf(condition.Fact);
                for (var v = 0; v < condition.Category.AnyOf.Count; v++)
                {
                    if (!declared.Contains(condition.Category.AnyOf[v]))
                        add($"{field}.category.any_of[{v}]", $"'{condition.Category.AnyOf[v]}' is not a value of {condition.Fact} ({string.Join(", ", declared)})");
                }
            }
            else if (condition.TestCase == FactCondition.TestOneofCase.Number)
            {
                var number = condition.Number;
                if (!number.HasMin && !number.HasMax)
                    add($"{field}.number", "needs min, max or both");
                if (number.HasMin && !double.IsFinite(number.Min))
                    add($"{field}.number.min", "must be a finite number");
                if (number.HasMax && !double.IsFinite(number.Max))
                    add($"{field}.number.max", "must be a finite number");
                if (number.HasMin && number.HasMax && number.Min > number.Max)
                    add($"{field}.number.max", "must not be below min");
            }
            else if (condition.TestCase == FactCondition.TestOneofCase.Date && condition.Date.WithinMonths is <= 0 or > 1200)
                add($"{field}.date.within_months", "must be between 1 and 1200");
        }
    }

    private static void ValidatePayment(Policy policy, FactsVocabulary vocabulary, Action<string, string> add)
    {
        var form = policy.PaymentForm;
        if (form == PaymentForm.Unspecified || !Enum.IsDefined(form))
        {
            add("payment_form", "is required");
            return;
        }
        if (form == PaymentForm.Service)
        {
            if (policy.Amount is not null)
                add("amount", "a service pays nothing; leave amount unset");
            if (policy.AmountRules.Count > 0)
                add("amount_rules", "a service pays nothing; leave amount_rules empty");
            if (policy.Installments is not (0 or 1))
                add("installments", "a service has no installments");
            return;
        }
        if (form == PaymentForm.OneOff && policy.Installments is not (0 or 1))
            add("installments", "a one-off payment has one installment");
        if (form is PaymentForm.Monthly or PaymentForm.Yearly && policy.Installments is < 1 or > MaxInstallments)
            add("installments", $"must be between 1 and {MaxInstallments} for monthly or yearly payment");

        if (policy.Amount is null && policy.AmountRules.Count == 0)
            add("amount", "is required (or amount_rules)");
        if (policy.Amount is { } amount)
            CheckAmount(amount, "amount", add);
        for (var i = 0; i < policy.AmountRules.Count; i++)
        {
            var rule = policy.AmountRules[i];
            if (rule.Tier != Tier.Unspecified && !IsHeldTier(rule.Tier))
                add($"amount_rules[{i}].tier", "must be unspecified or one of TIER_A … TIER_E");
            if (rule.Education.Length > 0 && !vocabulary.ValuesOf("education").Contains(rule.Education))
                add($"amount_rules[{i}].education", $"'{rule.Education}' is not a value of education");
            if (rule.Amount is null)
                add($"amount_rules[{i}].amount", "is required");
            else
                CheckAmount(rule.Amount, $"amount_rules[{i}].amount", add);
        }
    }

    private static void CheckAmount(Google.Type.Money amount, string field, Action<string, string> add)
    {
        if (Fen.Problem(amount) is { } problem)
            add(field, problem);
        else if (Fen.From(amount) == 0)
            add(field, "must be positive");
    }

    private static bool IsValidTimestamp(Google.Protobuf.WellKnownTypes.Timestamp timestamp) =>
        timestamp.Seconds is >= -62135596800 and <= 253402300799 && timestamp.Nanos is >= 0 and < 1_000_000_000;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex GroupName();
}
