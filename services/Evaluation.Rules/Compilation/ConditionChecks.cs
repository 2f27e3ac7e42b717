using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>A compiled condition. Any test on a fact that was not provided is false.</summary>
internal abstract class ConditionCheck
{
    public abstract bool Evaluate(FactSet facts);
}

internal sealed class EqualsCheck(int slot, double value) : ConditionCheck
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && facts.Values[slot] == value;
}

internal sealed class InCheck(int slot, double[] values) : ConditionCheck
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && Array.IndexOf(values, facts.Values[slot]) >= 0;
}

internal sealed class RangeCheck(int slot, DoubleRange range) : ConditionCheck
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && range.Contains(facts.Values[slot]);
}

internal sealed class PresenceCheck(int slot, bool present) : ConditionCheck
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] == present;
}

internal sealed class AllCheck(ConditionCheck[] items) : ConditionCheck
{
    public override bool Evaluate(FactSet facts)
    {
        foreach (var item in items)
        {
            if (!item.Evaluate(facts))
                return false;
        }
        return true;
    }
}

internal sealed class AnyCheck(ConditionCheck[] items) : ConditionCheck
{
    public override bool Evaluate(FactSet facts)
    {
        foreach (var item in items)
        {
            if (item.Evaluate(facts))
                return true;
        }
        return false;
    }
}

internal sealed class NotCheck(ConditionCheck item) : ConditionCheck
{
    public override bool Evaluate(FactSet facts) => !item.Evaluate(facts);
}
