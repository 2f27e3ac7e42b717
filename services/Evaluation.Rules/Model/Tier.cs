namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>A tier; tiers are listed best first. Without <see cref="MinPoints"/> only direct recognition reaches it.</summary>
public sealed record Tier(string Id, Labels Labels, decimal? MinPoints);

/// <summary>When the condition holds the applicant is not eligible for any tier (一票否决).</summary>
public sealed record Veto(string Id, Labels Labels, Condition When)
{
    /// <summary>The provision that excludes (一票否决 is policy too, and is cited like a rule).</summary>
    public Source? Source { get; init; }
}

/// <summary>Direct recognition (直接认定): when the condition holds the tier is at least <see cref="Tier"/>.</summary>
public sealed record Recognition(string Id, Labels Labels, Condition When, string Tier)
{
    /// <summary>The provision that grants the tier directly.</summary>
    public Source? Source { get; init; }
}
