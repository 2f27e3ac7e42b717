namespace TalentMesh.Testing;

/// <summary>Percentiles of a complete set of samples (nearest rank on the sorted array: no bucketing error), as every
/// benchmark program prints them.</summary>
public sealed class Percentiles
{
    private readonly double[] sorted;

    public Percentiles(IEnumerable<double> samples)
    {
        sorted = samples.ToArray();
        Array.Sort(sorted);
    }

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    /// <summary>The smallest sample with at least <paramref name="fraction"/> of all samples at or below it.</summary>
    public double At(double fraction)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
