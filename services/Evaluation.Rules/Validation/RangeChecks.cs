using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>
/// Bands must tile their span: no overlaps and no gaps between the lowest and the highest band. For an
/// integer fact "max 30 inclusive" and "min 31" are adjacent; for a number fact they leave (30, 31) uncovered.
/// </summary>
internal static class RangeChecks
{
    public static void Check(IReadOnlyList<NumericRange> ranges, bool integer, Action<int, string> error)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            if (IsEmpty(ranges[i], integer))
                error(i, $"band {ranges[i]} contains no value");
        }
        var order = Enumerable.Range(0, ranges.Count).Where(i => !IsEmpty(ranges[i], integer))
            .OrderBy(i => ranges[i].Min ?? decimal.MinValue).ThenBy(i => ranges[i].MinInclusive ? 0 : 1).ToList();
        for (var k = 1; k < order.Count; k++)
        {
            var (a, b) = (ranges[order[k - 1]], ranges[order[k]]);
            var relation = Compare(a, b, integer);
            if (relation < 0)
                error(order[k], $"gap between band {a} and band {b}");
            else if (relation > 0)
                error(order[k], $"band {b} overlaps band {a}");
        }
    }

    public static bool IsEmpty(NumericRange range, bool integer)
    {
        if (integer)
            return Lowest(range) > Highest(range);
        if (range.Min is not { } lo || range.Max is not { } hi)
            return false;
        return lo > hi || (lo == hi && !(range.MinInclusive && range.MaxInclusive));
    }

    /// <summary>-1 when a gap separates a from b, +1 when they overlap, 0 when b starts exactly where a ends.</summary>
    private static int Compare(NumericRange a, NumericRange b, bool integer)
    {
        if (a.Max is null || b.Min is null)
            return 1;
        if (integer)
            return Math.Sign(Highest(a) + 1 - Lowest(b));
        if (a.Max != b.Min)
            return a.Max < b.Min ? -1 : 1;
        return (a.MaxInclusive, b.MinInclusive) switch
        {
            (true, true) => 1,
            (false, false) => -1,
            _ => 0,
        };
    }

    private static decimal Lowest(NumericRange r) => r.Min is not { } lo ? decimal.MinValue / 2
        : r.MinInclusive ? decimal.Ceiling(lo) : decimal.Floor(lo) + 1;

    private static decimal Highest(NumericRange r) => r.Max is not { } hi ? decimal.MaxValue / 2
        : r.MaxInclusive ? decimal.Floor(hi) : decimal.Ceiling(hi) - 1;
}
