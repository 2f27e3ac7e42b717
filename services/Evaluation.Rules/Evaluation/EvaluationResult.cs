using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// The outcome of one evaluation. All arrays are sized when the rule set is compiled, so evaluating into a
/// reused result allocates nothing; the readable views (<see cref="Breakdown"/> …) are built on demand.
/// </summary>
public sealed partial class EvaluationResult
{
    // Per node.
    internal readonly NodeStatus[] Status;
    internal readonly long[] Value;
    internal readonly long[] Negative;
    internal readonly long[] BeforeCap; // groups only: their subtotal before their own cap

    // Per leaf: points before any cap, points kept after every cap so far, and the node that first took some.
    internal readonly long[] Raw;
    internal readonly long[] Current;
    internal readonly int[] ClippedBy;

    // Per leaf, a slot for itself and each enclosing node (stage top − depth): its points after that node's cap.
    // Only nodes that clip fill theirs; no other is ever shown.
    internal readonly long[] Stages;

    // A copy of the facts scored, so the breakdown stays true when the caller reuses its fact set.
    internal readonly double[] FactValues;
    internal readonly bool[] FactPresent;
    internal readonly IReadOnlyList<string>?[] FactCredentials;
    internal readonly bool[] VetoFired;
    internal readonly bool[] RecognitionFired;
    internal long TotalMilli;
    internal int TierIndex;
    internal int PointsTierIndex;
    internal int RecognitionTierIndex;
    internal int MissingNode;
    internal int MissingSlot;

    internal EvaluationResult(CompiledRuleSet ruleSet)
    {
        RuleSet = ruleSet;
        var nodes = ruleSet.Nodes.Count;
        var leaves = ruleSet.LeafCount;
        (Status, Value, Negative, BeforeCap) = (new NodeStatus[nodes], new long[nodes], new long[nodes], new long[nodes]);
        (Raw, Current, ClippedBy, Stages) = (new long[leaves], new long[leaves], new int[leaves], new long[ruleSet.StageCount]);
        var facts = ruleSet.Facts.Count;
        (FactValues, FactPresent, FactCredentials) = (new double[facts], new bool[facts], new IReadOnlyList<string>?[facts]);
        VetoFired = new bool[ruleSet.Source.Vetoes.Count];
        RecognitionFired = new bool[ruleSet.Source.Recognitions.Count];
    }

    public CompiledRuleSet RuleSet { get; }

    internal void Reset(FactSet facts)
    {
        Array.Clear(Status);
        Array.Clear(Raw);
        Array.Clear(Value);
        Array.Clear(Negative);
        Array.Clear(BeforeCap);
        Array.Clear(Current);
        Array.Fill(ClippedBy, -1);
        Array.Clear(Stages);
        Array.Clear(VetoFired);
        Array.Clear(RecognitionFired);
        facts.Values.CopyTo(FactValues, 0);
        facts.Present.CopyTo(FactPresent, 0);
        facts.Credentials.CopyTo(FactCredentials, 0);
        (TotalMilli, TierIndex, PointsTierIndex, RecognitionTierIndex, MissingNode, MissingSlot) = (0, -1, -1, -1, -1, -1);
    }

    internal void FlagMissing(int node, int slot)
    {
        if (MissingNode < 0)
            (MissingNode, MissingSlot) = (node, slot);
    }
}
