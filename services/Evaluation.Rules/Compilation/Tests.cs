using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>A compiled condition. Any test on a fact that was not provided is false.</summary>
internal abstract class Test
{
    public abstract bool Evaluate(FactSet facts);
}

internal sealed class EqualsTest(int slot, double value) : Test
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && facts.Values[slot] == value;
}

internal sealed class InTest(int slot, double[] values) : Test
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && Array.IndexOf(values, facts.Values[slot]) >= 0;
}

internal sealed class RangeTest(int slot, DoubleRange range) : Test
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] && range.Contains(facts.Values[slot]);
}

internal sealed class PresenceTest(int slot, bool present) : Test
{
    public override bool Evaluate(FactSet facts) => facts.Present[slot] == present;
}

internal sealed class AllTest(Test[] items) : Test
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

internal sealed class AnyTest(Test[] items) : Test
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

internal sealed class NotTest(Test item) : Test
{
    public override bool Evaluate(FactSet facts) => !item.Evaluate(facts);
}
