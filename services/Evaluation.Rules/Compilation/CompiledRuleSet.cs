using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// An immutable, thread-safe evaluator for one rule-set version. Create a <see cref="FactSet"/> and an
/// <see cref="EvaluationResult"/> once per thread and reuse them: <see cref="Evaluate(FactSet, EvaluationResult)"/>
/// then allocates nothing.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly Node root;
    private readonly Dictionary<string, CompiledFact> factsByName;
    private readonly DerivedFacts derived;

    private string? contentHash;

    internal CompiledRuleSet(RuleSet source, IReadOnlyList<CompiledFact> facts, Dictionary<string, CompiledFact> factsByName,
        IReadOnlyList<NodeInfo> nodes, Node root, int[] stageTop, int stageCount, TierTable tiers, DerivedFacts derived)
    {
        this.derived = derived;
        (Source, Facts, this.factsByName, Nodes, this.root, StageTop, StageCount, Tiers) =
            (source, facts, factsByName, nodes, root, stageTop, stageCount, tiers);
        Leaves = nodes.Where(n => n.Leaf >= 0).OrderBy(n => n.Leaf).ToList();
    }

    public RuleSet Source { get; }

    /// <summary>See <see cref="Format.ContentHash"/>; computed on first use (only output needs it), not at load.</summary>
    public string ContentHash => contentHash ??= Format.ContentHash.Of(Source);

    public IReadOnlyList<CompiledFact> Facts { get; }

    /// <summary>Every node in pre-order; index 0 is the root group "total".</summary>
    public IReadOnlyList<NodeInfo> Nodes { get; }

    public IReadOnlyList<NodeInfo> Leaves { get; }

    public int LeafCount => Leaves.Count;

    internal int[] StageTop { get; }

    internal int StageCount { get; }

    internal TierTable Tiers { get; }

    public CompiledFact? Fact(string name) => factsByName.GetValueOrDefault(name);

    public FactSet CreateFactSet() => new(this);

    public EvaluationResult CreateResult() => new(this);

    public EvaluationResult Evaluate(FactSet facts)
    {
        var result = CreateResult();
        Evaluate(facts, result);
        return result;
    }

    public void Evaluate(FactSet facts, EvaluationResult result)
    {
        if (facts.RuleSet != this || result.RuleSet != this)
            throw new ArgumentException("facts and result must come from this compiled rule set");
        derived.Compute(facts); // into the caller's fact set: derived slots belong to the engine, never to input
        result.Reset(facts);
        result.TotalMilli = root.Evaluate(facts, result);
        Tiers.Assign(facts, result);
    }
}
