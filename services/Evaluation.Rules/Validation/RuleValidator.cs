using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

internal sealed class RuleValidator(ValidationContext context)
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal) { RuleSet.RootId };

    public void ClaimId(string subject, string path, string id)
    {
        if (!ids.Add(id))
            context.Add(subject, path, id == RuleSet.RootId ? $"id '{id}' is reserved for the overall total" : $"id '{id}' is used twice");
    }

    public void Validate(Rule rule, string path)
    {
        var subject = $"rule '{rule.Id}'";
        ClaimId(subject, $"{path}.id", rule.Id);
        if (rule.When is { } when)
            ConditionValidator.Validate(context, subject, $"{path}.when", when);
        switch (rule)
        {
            case BandRule band: new BandValidator(context, subject, path).Validate(band); break;
            case LookupRule lookup: new LookupValidator(context, subject, path).Validate(lookup); break;
            case CountRule count: ValidateCount(subject, path, count); break;
            case GridRule grid: new GridValidator(context, subject, path).Validate(grid); break;
            case BonusRule bonus: context.Points(subject, $"{path}.points", bonus.Points); break;
            case GroupRule group: ValidateGroup(subject, path, group); break;
            case ChooseRule choose: ValidateChoose(subject, path, choose); break;
        }
    }

    private void ValidateCount(string subject, string path, CountRule count)
    {
        var fact = context.Fact(subject, $"{path}.fact", count.Fact);
        if (fact is { Type: FactType.Category })
            context.Add(subject, $"{path}.fact", $"a count needs a number, integer or boolean fact; '{count.Fact}' is a category");
        if (count.Per <= 0)
            context.Add(subject, $"{path}.per", $"must be positive, found {count.Per}");
        if (count.PointsEach == 0)
            context.Add(subject, $"{path}.pointsEach", "must not be 0");
        context.Points(subject, $"{path}.pointsEach", count.PointsEach);
        context.Points(subject, $"{path}.cap", count.Cap);
        if (count.Cap is { } cap && cap < Math.Abs(count.PointsEach))
            context.Add(subject, $"{path}.cap", $"cap {cap} is below the {Math.Abs(count.PointsEach)} points of a single item");
    }

    private void ValidateGroup(string subject, string path, GroupRule group)
    {
        if (group.Items.Count == 0)
            context.Add(subject, $"{path}.items", "a group needs at least one item");
        for (var i = 0; i < group.Items.Count; i++)
            Validate(group.Items[i], $"{path}.items[{i}]");
        ValidateCap(subject, $"{path}.cap", group.Cap, group.Items);
    }

    /// <summary>
    /// A cap must be positive and must not be below the points an item states (a band, table cell, bonus, one
    /// occurrence of a count, or an item's own cap): those could never be awarded in full, almost surely a typo.
    /// What an uncapped count adds up to over many occurrences is exactly what a group cap is there to bound.
    /// </summary>
    public void ValidateCap(string subject, string path, decimal? cap, IReadOnlyList<Rule> items)
    {
        if (cap is not { } c)
            return;
        context.Points(subject, path, c);
        if (c <= 0)
            context.Add(subject, path, $"cap must be positive, found {c}");
        foreach (var item in items)
        {
            if (MaxPoints.Stated(item) is var max && max > c)
                context.Add(subject, path, $"cap {c} is below the {max} points that item '{item.Id}' states");
        }
    }

    private void ValidateChoose(string subject, string path, ChooseRule choose)
    {
        if (choose.Cases.Count == 0)
            context.Add(subject, $"{path}.cases", "a choose needs at least one case");
        for (var i = 0; i < choose.Cases.Count; i++)
        {
            ConditionValidator.Validate(context, subject, $"{path}.cases[{i}].when", choose.Cases[i].When);
            Validate(choose.Cases[i].Rule, $"{path}.cases[{i}].rule");
        }
        if (choose.Otherwise is { } otherwise)
            Validate(otherwise, $"{path}.otherwise");
    }
}
