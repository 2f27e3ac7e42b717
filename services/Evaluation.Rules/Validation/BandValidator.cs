using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

internal sealed class BandValidator(ValidationContext context, string subject, string path)
{
    public void Validate(BandRule band)
    {
        var fact = context.Fact(subject, $"{path}.fact", band.Fact);
        if (fact is { IsNumeric: false })
            context.Add(subject, $"{path}.fact", $"bands need a number or integer fact; '{band.Fact}' is {ConditionValidator.Describe(fact)}");
        if (band.Missing == MissingPolicy.Zero && fact is { IsNumeric: false })
            context.Add(subject, $"{path}.missing", "missing: zero needs a numeric or boolean fact");
        if (band.Bands.Count == 0)
            context.Add(subject, $"{path}.bands", "needs at least one band");
        for (var i = 0; i < band.Bands.Count; i++)
            context.Points(subject, $"{path}.bands[{i}].points", band.Bands[i].Points);
        RangeChecks.Check(band.Bands.Select(b => b.Range).ToList(), fact?.Type == FactType.Integer,
            (i, message) => context.Add(subject, $"{path}.bands[{i}]", message));
    }
}
