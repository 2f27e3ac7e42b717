using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

public sealed partial class EvaluationResult
{
    public decimal Total => Num.Points(TotalMilli);

    public Tier? Tier => TierAt(TierIndex);

    /// <summary>The tier the points alone reach, ignoring vetoes and recognition.</summary>
    public Tier? PointsTier => TierAt(PointsTierIndex);

    public bool IsVetoed => VetoFired.Contains(true);

    public IReadOnlyList<Veto> Vetoes => RuleSet.Source.Vetoes.Where((_, i) => VetoFired[i]).ToList();

    public IReadOnlyList<Recognition> Recognitions => RuleSet.Source.Recognitions.Where((_, i) => RecognitionFired[i]).ToList();

    /// <summary>False when a rule with <c>missing: error</c> lacked its fact; no tier is awarded then.</summary>
    public bool IsComplete => MissingNode < 0;

    public (string RuleId, string Fact)? MissingRequired =>
        MissingNode < 0 ? null : (RuleSet.Nodes[MissingNode].Id, RuleSet.Facts[MissingSlot].Name);

    public NodeStatus StatusOf(string ruleId) => Status[IndexOf(ruleId)];

    /// <summary>Points of a rule or group after its own cap (0 when it did not fire).</summary>
    public decimal PointsOf(string ruleId) => Num.Points(Value[IndexOf(ruleId)]);

    /// <summary>Points a leaf rule keeps after every cap above it.</summary>
    public decimal FinalPointsOf(string ruleId) => Num.Points(Current[RuleSet.Nodes[IndexOf(ruleId)].Leaf]);

    /// <summary>The better tier directly above the one reached (the lowest tier when none is), or null at the top.</summary>
    public Tier? NextTier => TierAt(NextTierIndex);

    /// <summary>Index of <see cref="NextTier"/>, or -1.</summary>
    internal int NextTierIndex => (TierIndex < 0 ? RuleSet.Source.Tiers.Count : TierIndex) - 1;

    /// <summary>Points missing to the next tier's threshold; null when it is reached by recognition only.</summary>
    public decimal? GapToNextTier => NextTier is { MinPoints: { } min } ? Math.Max(0, min - Total) : null;

    public IReadOnlyList<BreakdownEntry> Breakdown =>
        RuleSet.Leaves.Where(l => Status[l.Index] == NodeStatus.Fired).Select(Entry).ToList();

    /// <summary>Rules that did not fire because a fact was not provided.</summary>
    public IReadOnlyList<NodeInfo> NotProvided => RuleSet.Nodes.Where(n => Status[n.Index] == NodeStatus.Missing).ToList();

    private Tier? TierAt(int index) => index >= 0 ? RuleSet.Source.Tiers[index] : null;

    private int IndexOf(string ruleId) =>
        RuleSet.Nodes.FirstOrDefault(n => n.Id == ruleId)?.Index ?? throw new KeyNotFoundException($"no rule '{ruleId}'");

    private BreakdownEntry Entry(NodeInfo leaf)
    {
        var path = Ancestors(leaf).Reverse().Select(n => n.Id).ToList();
        var top = RuleSet.StageTop[leaf.Leaf];
        var stages = Ancestors(leaf).Prepend(leaf).Where(n => n.Clips)
            .Select(n => new CapStage(n.Id, Num.Points(Stages[top - n.Depth]))).ToList();
        var clipper = ClippedBy[leaf.Leaf];
        var facts = leaf.EvidenceSlots.Select(slot => new FactEvidence(
            RuleSet.Facts[slot].Name,
            FactPresent[slot] ? RuleSet.Facts[slot].Display(FactValues[slot]) : null,
            FactCredentials[slot] ?? [])).ToList();
        return new BreakdownEntry(leaf.Id, leaf.Labels, leaf.Kind, path, Num.Points(Raw[leaf.Leaf]), stages,
            Num.Points(Current[leaf.Leaf]), clipper < 0 ? null : RuleSet.Nodes[clipper].Id, facts);
    }

    private IEnumerable<NodeInfo> Ancestors(NodeInfo node)
    {
        for (var parent = node.Parent; parent >= 0; parent = RuleSet.Nodes[parent].Parent)
            yield return RuleSet.Nodes[parent];
    }
}
