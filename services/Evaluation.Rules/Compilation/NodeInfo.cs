using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// Compile-time facts about one node of the scoring tree, numbered in pre-order so that a node's leaves are the
/// contiguous range [<see cref="LeafStart"/>, <see cref="LeafEnd"/>). <see cref="Leaf"/> is -1 for groups.
/// </summary>
public sealed record NodeInfo(
    int Index,
    Rule Rule,
    int Depth,
    int Parent,
    int LeafStart,
    int LeafEnd,
    int Leaf,
    IReadOnlyList<int> EvidenceSlots)
{
    /// <summary>Slots of the facts that selected this node: enclosing groups' conditions and the choose cases up to the one taken.</summary>
    public IReadOnlyList<int> SelectorSlots { get; init; } = [];

    /// <summary>Slots of the facts the rule itself scores (not its condition's); a rule with one of them absent "is missing".</summary>
    public IReadOnlyList<int> ScoredSlots { get; init; } = [];

    /// <summary>The rule's source, else its nearest enclosing group's.</summary>
    public Source? Source { get; init; }

    public string Id => Rule.Id;

    public Labels Labels => Rule.Labels;

    /// <summary>The rule's "kind" as written in the file format.</summary>
    public string Kind => RuleWriter.Kind(Rule);

    /// <summary>Whether the node can take points away from the leaves below it (a cap, or "highest of").</summary>
    public bool Clips => Rule is GroupRule { Cap: not null } or GroupRule { Combine: Combine.Max } or CountRule { Cap: not null };
}
