using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

/// <summary>
/// Random but valid rule sets over a fixed vocabulary, built from a seed (CsCheck drives the seed), covering
/// every construct: bands, lookups, counts, deductions, grids, bonuses, nested sum/max groups with caps, choose,
/// guards, missing policies, a derived fact (lo = min(n, i)), sources, an overall cap, thresholds, a veto (b2 = true)
/// and a recognition.
/// </summary>
internal sealed class RandomRuleSets(Random random)
{
    private static readonly Labels Label = new("随机", "random");
    private static readonly string[] Categories = ["x", "y", "z"];
    private static readonly Dictionary<string, FactDefinition> Vocabulary = FactsVocabulary.Expand(FactList);
    private int next;

    public static IReadOnlyList<FactDefinition> FactList =>
    [
        new("n", FactType.Number, null, null, [], 0, 100, null, [], ExplainDirection.Any),
        new("i", FactType.Integer, null, null, [], 0, 50, null, [], ExplainDirection.Any),
        new("b", FactType.Boolean, null, null, [], null, null, null, [], ExplainDirection.Any),
        new("b2", FactType.Boolean, null, null, [], null, null, null, [], ExplainDirection.None),
        new("c", FactType.Category, Label, "unit", Categories, null, null, null, ["spouse"], ExplainDirection.Any),
        new("lo", FactType.Number, null, null, [], null, null, null, [], ExplainDirection.Any) { Derived = new(DerivationKind.Min, ["n", "i"], MissingPolicy.Skip) },
    ];

    public RuleSet Create()
    {
        var rules = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Rule(3)).ToList();
        var cap = Cap(rules);
        var max = MaxPoints.Capped(MaxPoints.Sum(rules, Vocabulary), cap) ?? 1000;
        var high = decimal.Floor(max * 0.6m);
        var low = decimal.Floor(max * 0.3m);
        List<Tier> tiers = high > low
            ? [new("R", Label, null), new("H", Label, high), new("L", Label, low)]
            : [new("R", Label, null), new("L", Label, low)];
        return new RuleSet("random", $"{random.Next()}", Label, random.Next(2) == 0 ? null : "random rule set", FactList, rules, cap, tiers,
            [new Veto("veto_b2", Label, new EqualsCondition("b2", Scalar.Of(true)))],
            [new Recognition("recognize_x", Label, new EqualsCondition("c", Scalar.Of("x")), "R")]);
    }

    private string Id() => $"r{next++}";

    private Rule Rule(int depth)
    {
        var kind = random.Next(depth > 0 ? 9 : 6);
        Rule rule = kind switch
        {
            0 => Band(),
            1 => new LookupRule(Id(), Label, Guard(), Missing(category: true), Pick("c", "spouse.c"),
                Categories.Where(_ => random.Next(3) > 0).Select(v => new LookupEntry(v, random.Next(0, 20))).DefaultIfEmpty(new("y", 3)).ToList()),
            2 => Count(),
            3 => Grid(),
            4 or 5 => new BonusRule(Id(), Label, Condition(2), random.Next(-10, 20)),
            6 or 7 => Group(depth),
            _ => Choose(depth),
        };
        return random.Next(4) == 0 ? rule with { Source = new Source("Scheme", $"Art. {random.Next(1, 20)}", null) } : rule;
    }

    private BandRule Band()
    {
        var fact = Pick("n", "i", "lo");
        return new BandRule(Id(), Label, Guard(), Missing(category: false), fact, Ranges(fact == "n" ? 100 : 50)
            .Select(r => new Band(r, random.Next(-5, 25))).ToList());
    }

    /// <summary>Contiguous [e0, e1), [e1, e2) …; sometimes open at either end.</summary>
    private List<NumericRange> Ranges(int top)
    {
        var edges = Enumerable.Range(0, random.Next(2, 6)).Select(_ => (decimal)random.Next(0, top)).Distinct().Order().ToList();
        if (edges.Count < 2)
            edges = [0, top];
        var ranges = new List<NumericRange>();
        for (var k = 0; k + 1 < edges.Count; k++)
            ranges.Add(new NumericRange(k == 0 && random.Next(3) == 0 ? null : edges[k], true, edges[k + 1], false));
        if (random.Next(2) == 0)
            ranges.Add(new NumericRange(edges[^1], true, null, false));
        return ranges;
    }

    private CountRule Count()
    {
        var each = random.Next(1, 8) * (random.Next(4) == 0 ? -1 : 1);
        decimal? cap = random.Next(2) == 0 ? Math.Abs(each) * random.Next(1, 6) : null;
        return new CountRule(Id(), Label, Guard(), Missing(category: false), "i", random.Next(3) == 0 ? random.Next(0, 20) : 0, random.Next(1, 4), each, cap);
    }

    private GridRule Grid()
    {
        var values = Categories.Where(_ => random.Next(3) > 0).DefaultIfEmpty("z").ToList();
        var bands = Ranges(100);
        var cells = values.Select(_ => (IReadOnlyList<decimal>)bands.Select(_ => (decimal)random.Next(0, 30)).ToList()).ToList();
        return new GridRule(Id(), Label, Guard(), random.Next(2) == 0 ? MissingPolicy.Skip : MissingPolicy.Error,
            new GridAxis("c", values, null), new GridAxis("n", null, bands), cells);
    }

    private GroupRule Group(int depth)
    {
        var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Rule(depth - 1)).ToList();
        return new GroupRule(Id(), Label, Guard(), random.Next(3) == 0 ? Combine.Max : Combine.Sum, Cap(items), items);
    }

    private ChooseRule Choose(int depth)
    {
        var cases = Enumerable.Range(0, random.Next(1, 3)).Select(_ => new ChooseCase(Condition(1), Rule(depth - 1))).ToList();
        return new ChooseRule(Id(), Label, Guard(), cases, random.Next(2) == 0 ? Rule(depth - 1) : null);
    }

    /// <summary>A cap at least as large as any single item (the validator demands it), often below their sum.</summary>
    private decimal? Cap(IReadOnlyList<Rule> items)
    {
        if (random.Next(3) == 0)
            return null;
        var maxima = items.Select(i => MaxPoints.Of(i, Vocabulary) ?? 100).ToList();
        var floor = Math.Max(1, maxima.DefaultIfEmpty(0).Max());
        return floor + random.Next(0, (int)Math.Max(1, maxima.Sum() - floor + 1));
    }

    private Condition? Guard() => random.Next(4) == 0 ? Condition(1) : null;

    private Condition Condition(int depth) => random.Next(depth > 0 ? 8 : 5) switch
    {
        0 => new EqualsCondition(Pick("c", "spouse.c"), Scalar.Of(Categories[random.Next(3)])),
        1 => new InCondition("c", Categories.Where(_ => random.Next(2) == 0).DefaultIfEmpty("y").Select(Scalar.Of).ToList()),
        2 => new RangeCondition(Pick("n", "i", "lo"), new NumericRange(random.Next(0, 30), random.Next(2) == 0, random.Next(31, 60), random.Next(2) == 0)),
        3 => new PresenceCondition(Pick("n", "i", "b", "c"), random.Next(2) == 0),
        4 => new EqualsCondition("b", Scalar.Of(random.Next(2) == 0)),
        5 => new AllCondition([Condition(depth - 1), Condition(depth - 1)]),
        6 => new AnyCondition([Condition(depth - 1), Condition(depth - 1)]),
        _ => new NotCondition(Condition(depth - 1)),
    };

    private MissingPolicy Missing(bool category) => random.Next(6) switch
    {
        0 => MissingPolicy.Error,
        1 or 2 when !category => MissingPolicy.Zero,
        _ => MissingPolicy.Skip,
    };

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
