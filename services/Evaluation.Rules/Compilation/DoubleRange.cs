using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

internal readonly struct DoubleRange(double min, bool minInclusive, double max, bool maxInclusive)
{
    public static DoubleRange From(NumericRange range) => new(
        range.Min is { } lo ? Num.ToDouble(lo) : double.NegativeInfinity, range.MinInclusive || range.Min is null,
        range.Max is { } hi ? Num.ToDouble(hi) : double.PositiveInfinity, range.MaxInclusive || range.Max is null);

    public bool Contains(double value) =>
        (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);

    /// <summary>Index of the range containing the value, or -1.</summary>
    public static int Find(DoubleRange[] ranges, double value)
    {
        for (var i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Contains(value))
                return i;
        }
        return -1;
    }
}
