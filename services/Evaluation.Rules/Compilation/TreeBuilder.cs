using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>Numbers the rule tree in pre-order and turns every rule into its compiled node.</summary>
internal sealed class TreeBuilder(IReadOnlyDictionary<string, CompiledFact> facts)
{
    private readonly List<NodeInfo> infos = [];
    private readonly List<int> leafDepths = [];

    public IReadOnlyList<NodeInfo> Infos => infos;

    public IReadOnlyList<int> LeafDepths => leafDepths;

    /// <summary>First pass: numbering and leaf ranges, which fix the stage layout before nodes are built.</summary>
    public void Number(Rule rule, int depth, int parent)
    {
        var index = infos.Count;
        infos.Add(null!);
        var leafStart = leafDepths.Count;
        var children = Children(rule);
        var leaf = children.Count == 0 ? leafDepths.Count : -1;
        if (leaf >= 0)
            leafDepths.Add(depth);
        foreach (var child in children)
            Number(child, depth + 1, index);
        infos[index] = new NodeInfo(index, rule, depth, parent, leafStart, leafDepths.Count, leaf, Evidence(rule));
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

    private Test? Guard(Rule rule) => rule.When is { } when ? TestCompiler.Compile(when, facts) : null;

    private IReadOnlyList<int> Evidence(Rule rule)
    {
        IEnumerable<string> own = rule switch
        {
            BandRule band => [band.Fact],
            LookupRule lookup => [lookup.Fact],
            CountRule count => [count.Fact],
            GridRule grid => [grid.Rows.Fact, grid.Columns.Fact],
            _ => [],
        };
        return own.Concat(TestCompiler.FactsOf(rule.When)).Distinct().Select(f => facts[f].Slot).ToList();
    }
}
