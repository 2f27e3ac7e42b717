using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>Tiers are listed best first; thresholds must fall down the list and every tier must be reachable.</summary>
internal static class TierValidator
{
    public static void Validate(ValidationContext context, RuleValidator rules, RuleSet ruleSet)
    {
        // No tiers is a ranking scheme (no pass mark): the total is the result.
        var tiers = ruleSet.Tiers;
        var maxTotal = MaxPoints.Capped(MaxPoints.Sum(ruleSet.Rules, context.Facts), ruleSet.Cap);
        decimal? previous = null;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var subject = $"tier '{tier.Id}'";
            var path = $"$.tiers[{i}]";
            if (tiers.Take(i).Any(t => t.Id == tier.Id))
                context.Add(subject, $"{path}.id", $"tier '{tier.Id}' is listed twice");
            context.Points(subject, $"{path}.minPoints", tier.MinPoints);
            if (tier.MinPoints is { } min)
            {
                if (previous is { } above && min >= above)
                    context.Add(subject, $"{path}.minPoints", $"{min} must be below the {above} of the better tier listed before it");
                if (maxTotal is { } reachable && min > reachable)
                    context.Add(subject, $"{path}.minPoints", $"unreachable: {min} is above the highest possible total {reachable}");
                previous = min;
            }
            else if (!ruleSet.Recognitions.Any(r => r.Tier == tier.Id))
            {
                context.Add(subject, $"{path}.minPoints", "unreachable: no minPoints and no recognition grants this tier");
            }
        }
        for (var i = 0; i < ruleSet.Recognitions.Count; i++)
        {
            var recognition = ruleSet.Recognitions[i];
            var subject = $"recognition '{recognition.Id}'";
            rules.ClaimId(subject, $"$.recognitions[{i}].id", recognition.Id);
            ConditionValidator.Validate(context, subject, $"$.recognitions[{i}].when", recognition.When);
            if (tiers.All(t => t.Id != recognition.Tier))
                context.Add(subject, $"$.recognitions[{i}].tier", $"unknown tier '{recognition.Tier}'");
        }
    }
}
