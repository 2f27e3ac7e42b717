using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// Compile-time facts about one node of the scoring tree, numbered in pre-order so that a node's leaves are the
/// contiguous range [<see cref="LeafStart"/>, <see cref="LeafEnd"/>). <see cref="Leaf"/> is -1 for groups.
/// </summary>
public sealed record NodeInfo(
    int Index,
    Rule Rule,
    string Kind,
    int Depth,
    int Parent,
    int LeafStart,
    int LeafEnd,
    int Leaf,
    bool Clips,
    IReadOnlyList<int> EvidenceSlots)
{
    public string Id => Rule.Id;

    public Labels Labels => Rule.Labels;
}
