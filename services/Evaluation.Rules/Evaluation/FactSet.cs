using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// Facts of one applicant, preallocated per compiled rule set: a double and a presence flag per slot, so that
/// "not provided" and "zero" stay distinct. Reuse one instance per thread; <see cref="Clear"/> between applicants.
/// </summary>
public sealed class FactSet(CompiledRuleSet ruleSet)
{
    internal readonly double[] Values = new double[ruleSet.Facts.Count];
    internal readonly bool[] Present = new bool[ruleSet.Facts.Count];
    internal readonly IReadOnlyList<string>?[] Credentials = new IReadOnlyList<string>?[ruleSet.Facts.Count];

    public CompiledRuleSet RuleSet => ruleSet;

    public bool IsPresent(int slot) => Present[slot];

    public double Get(int slot) => Values[slot];

    public IReadOnlyList<string>? CredentialsOf(int slot) => Credentials[slot];

    /// <summary>Raw slot write, unchecked (the hot path). Categories take their value index, booleans 0 or 1.</summary>
    public void Set(int slot, double value, IReadOnlyList<string>? credentials = null)
    {
        Values[slot] = value;
        Present[slot] = true;
        Credentials[slot] = credentials;
    }

    public void Unset(int slot)
    {
        Values[slot] = 0;
        Present[slot] = false;
        Credentials[slot] = null;
    }

    public void Clear()
    {
        Array.Clear(Values);
        Array.Clear(Present);
        Array.Clear(Credentials);
    }

    public void CopyFrom(FactSet other)
    {
        other.Values.CopyTo(Values, 0);
        other.Present.CopyTo(Present, 0);
        other.Credentials.CopyTo(Credentials, 0);
    }
}
