using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Format;
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

    /// <summary>The rules that fired; their final points add up to <see cref="Total"/>.</summary>
    public IReadOnlyList<BreakdownEntry> Breakdown =>
        RuleSet.Leaves.Where(l => Status[l.Index] == NodeStatus.Fired).Select(Entry).ToList();

    /// <summary>
    /// The whole trace in rule order: every rule that fired, every rule whose fact was not provided, and every rule or
    /// group that its own condition switched off (with that condition). Branches not taken and the insides of a
    /// switched-off group are left out: nothing there was looked at.
    /// </summary>
    public IReadOnlyList<BreakdownEntry> Trace => RuleSet.Nodes
        .Where(n => Status[n.Index] == NodeStatus.NotApplicable || (n.Leaf >= 0 && Status[n.Index] is NodeStatus.Fired or NodeStatus.Missing))
        .Select(Entry).ToList();

    /// <summary>Every group that was evaluated, the root "total" first, with its subtotal before and after its cap.</summary>
    public IReadOnlyList<GroupSubtotal> Groups => RuleSet.Nodes
        .Where(n => n.Rule is GroupRule && Status[n.Index] == NodeStatus.Fired)
        .Select(n => new GroupSubtotal(n.Id, n.Labels, Path(n), WriterExtensions.Camel(((GroupRule)n.Rule).Combine.ToString()),
            ((GroupRule)n.Rule).Cap, Num.Points(BeforeCap[n.Index]), Num.Points(Value[n.Index]), n.Source))
        .ToList();

    /// <summary>Rules that did not fire because a fact was not provided.</summary>
    public IReadOnlyList<NodeInfo> NotProvided => RuleSet.Nodes.Where(n => Status[n.Index] == NodeStatus.Missing).ToList();

    /// <summary>
    /// The facts whose absence kept a rule from firing, in rule order (for a derived fact: its inputs that were absent).
    /// Providing them is what would let those rules score.
    /// </summary>
    public IReadOnlyList<string> NotProvidedFacts => NotProvided
        .SelectMany(n => n.ScoredSlots)
        .SelectMany(slot => RuleSet.Facts[slot].Definition.Derived is { } derived
            ? derived.Of.Select(name => RuleSet.Fact(name)!.Slot)
            : [slot])
        .Where(slot => !FactPresent[slot])
        .Select(slot => RuleSet.Facts[slot].Name)
        .Distinct().ToList();

    private Tier? TierAt(int index) => index >= 0 ? RuleSet.Source.Tiers[index] : null;

    private int IndexOf(string ruleId) =>
        RuleSet.Nodes.FirstOrDefault(n => n.Id == ruleId)?.Index ?? throw new KeyNotFoundException($"no rule '{ruleId}'");

    private BreakdownEntry Entry(NodeInfo node)
    {
        var status = Status[node.Index];
        var scored = node.Leaf >= 0 && status == NodeStatus.Fired;
        var stages = scored
            ? Ancestors(node).Prepend(node).Where(n => n.Clips)
                .Select(n => new CapStage(n.Id, Num.Points(Stages[RuleSet.StageTop[node.Leaf] - n.Depth]))).ToList()
            : [];
        var clipper = scored ? ClippedBy[node.Leaf] : -1;
        return new BreakdownEntry(node.Id, node.Labels, node.Kind, Path(node), scored ? Num.Points(Raw[node.Leaf]) : 0, stages,
            scored ? Num.Points(Current[node.Leaf]) : 0, clipper < 0 ? null : RuleSet.Nodes[clipper].Id, Evidence(node.EvidenceSlots))
        {
            Status = status,
            Condition = node.Rule.When is { } when ? ConditionText.Of(when) : null,
            Source = node.Source,
            SelectedBy = Evidence(node.SelectorSlots),
        };
    }

    private List<FactEvidence> Evidence(IReadOnlyList<int> slots) => slots.Select(slot => new FactEvidence(
        RuleSet.Facts[slot].Name,
        FactPresent[slot] ? RuleSet.Facts[slot].Display(FactValues[slot]) : null,
        FactCredentials[slot] ?? [])).ToList();

    private List<string> Path(NodeInfo node) => Ancestors(node).Reverse().Select(n => n.Id).ToList();

    private IEnumerable<NodeInfo> Ancestors(NodeInfo node)
    {
        for (var parent = node.Parent; parent >= 0; parent = RuleSet.Nodes[parent].Parent)
            yield return RuleSet.Nodes[parent];
    }
}
