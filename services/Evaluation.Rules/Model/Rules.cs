namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>Points by the band that contains a numeric fact; a value outside every band earns nothing.</summary>
public sealed record BandRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing, string Fact, IReadOnlyList<Band> Bands)
    : FactRule(Id, Labels, When, Missing);

/// <summary>Points by the value of a category or boolean fact; unlisted values earn nothing.</summary>
public sealed record LookupRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing, string Fact, IReadOnlyList<LookupEntry> Table)
    : FactRule(Id, Labels, When, Missing);

public sealed record LookupEntry(string Value, decimal Points);

/// <summary>
/// floor((value − from) / per) × pointsEach, its magnitude limited by <see cref="Cap"/>. <see cref="From"/> counts
/// only what lies beyond a threshold ("1 point per full year beyond the first two"). A negative pointsEach is a
/// deduction per occurrence.
/// </summary>
public sealed record CountRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing, string Fact, decimal From, decimal Per, decimal PointsEach, decimal? Cap)
    : FactRule(Id, Labels, When, Missing);

/// <summary>Points for a combination of two facts: <c>Cells[row][column]</c>.</summary>
public sealed record GridRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing, GridAxis Rows, GridAxis Columns, IReadOnlyList<IReadOnlyList<decimal>> Cells)
    : FactRule(Id, Labels, When, Missing);

/// <summary>A grid axis is either categorical (<see cref="Values"/>) or banded (<see cref="Bands"/>).</summary>
public sealed record GridAxis(string Fact, IReadOnlyList<string>? Values, IReadOnlyList<NumericRange>? Bands)
{
    public int Length => Values?.Count ?? Bands?.Count ?? 0;
}

/// <summary>Fixed points when <see cref="Rule.When"/> holds (a bonus, or with negative points a penalty).</summary>
public sealed record BonusRule(string Id, Labels Labels, Condition? When, decimal Points) : Rule(Id, Labels, When);

/// <summary>A group of rules and groups, combined by sum or max and clipped by an optional cap.</summary>
public sealed record GroupRule(string Id, Labels Labels, Condition? When, Combine Combine, decimal? Cap, IReadOnlyList<Rule> Items)
    : Rule(Id, Labels, When);

/// <summary>Alternative tables: the first case whose condition holds is scored, else <see cref="Otherwise"/>.</summary>
public sealed record ChooseRule(string Id, Labels Labels, Condition? When, IReadOnlyList<ChooseCase> Cases, Rule? Otherwise)
    : Rule(Id, Labels, When)
{
    /// <summary>The rules it chooses between, in order: each case's rule, then <see cref="Otherwise"/>.</summary>
    public IReadOnlyList<Rule> Alternatives => [.. Cases.Select(c => c.Rule), .. Otherwise is { } otherwise ? [otherwise] : Array.Empty<Rule>()];
}

public sealed record ChooseCase(Condition When, Rule Rule);
