namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>An interval over a numeric fact; a null bound is unbounded on that side.</summary>
public sealed record NumericRange(decimal? Min, bool MinInclusive, decimal? Max, bool MaxInclusive)
{
    public override string ToString() =>
        $"{(Min is null ? "(-∞" : (MinInclusive ? "[" : "(") + Min)}, {(Max is null ? "+∞)" : Max + (MaxInclusive ? "]" : ")"))}";
}
