using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>Numbers the rule tree in pre-order and turns every rule into its compiled node.</summary>
internal sealed class TreeBuilder(IReadOnlyDictionary<string, CompiledFact> facts)
{
    private readonly List<NodeInfo> infos = [];
    private readonly List<int> leafDepths = [];

    public IReadOnlyList<NodeInfo> Infos => infos;

    public IReadOnlyList<int> LeafDepths => leafDepths;

    /// <summary>
    /// First pass: numbering and leaf ranges, which fix the stage layout before nodes are built. <paramref name="selectors"/>
    /// are the facts that led here; <paramref name="source"/> the nearest enclosing group's source.
    /// </summary>
    public void Number(Rule rule, int depth, int parent, IReadOnlyList<string> selectors, Source? source)
    {
        var index = infos.Count;
        infos.Add(null!);
        var leafStart = leafDepths.Count;
        var children = Children(rule);
        var leaf = children.Count == 0 ? leafDepths.Count : -1;
        if (leaf >= 0)
            leafDepths.Add(depth);
        var own = rule.Source ?? source;
        var inner = selectors.Concat(ConditionCompiler.FactsOf(rule.When)).Distinct().ToList();
        for (var i = 0; i < children.Count; i++)
            Number(children[i], depth + 1, index, [.. inner, .. CaseFacts(rule, i)], own);
        infos[index] = new NodeInfo(index, rule, depth, parent, leafStart, leafDepths.Count, leaf, Evidence(rule))
        {
            SelectorSlots = Slots(selectors.Distinct()),
            ScoredSlots = ScoredFacts(rule).Distinct().Select(f => facts[f].Slot).ToList(),
            Source = own,
        };
    }

    /// <summary>Second pass: stage slots are known, so nodes can be built bottom-up.</summary>
    public Node Build(int[] stageTop)
    {
        var nodes = new Node[infos.Count];
        var childrenOf = infos.ToLookup(n => n.Parent);
        for (var i = infos.Count - 1; i >= 0; i--)
        {
            var children = childrenOf[i].Select(n => nodes[n.Index]).ToArray();
            nodes[i] = NodeFactory.Create(infos[i], Guard(infos[i].Rule), stageTop, facts, children);
        }
        return nodes[0];
    }

    private static IReadOnlyList<Rule> Children(Rule rule) => rule switch
    {
        GroupRule group => group.Items,
        ChooseRule choose => choose.Alternatives,
        _ => [],
    };

    /// <summary>Alternative i of a choose is taken because case i holds and every case before it does not.</summary>
    private static IEnumerable<string> CaseFacts(Rule rule, int alternative) => rule is ChooseRule choose
        ? choose.Cases.Take(alternative + 1).SelectMany(c => ConditionCompiler.FactsOf(c.When))
        : [];

    private ConditionCheck? Guard(Rule rule) => rule.When is { } when ? ConditionCompiler.Compile(when, facts) : null;

    private static IEnumerable<string> ScoredFacts(Rule rule) => rule switch
    {
        BandRule band => [band.Fact],
        LookupRule lookup => [lookup.Fact],
        CountRule count => [count.Fact],
        GridRule grid => [grid.Rows.Fact, grid.Columns.Fact],
        _ => [],
    };

    private IReadOnlyList<int> Evidence(Rule rule) => Slots(ScoredFacts(rule).Concat(ConditionCompiler.FactsOf(rule.When)));

    /// <summary>A derived fact brings its inputs along: they carry the credentials that prove it.</summary>
    private IReadOnlyList<int> Slots(IEnumerable<string> names) => names
        .SelectMany(f => facts[f].Definition.Derived is { } derived ? derived.Of.Prepend(f) : [f])
        .Distinct().Select(f => facts[f].Slot).ToList();
}
