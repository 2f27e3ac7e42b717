using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// Computes the derived facts into their slots before the rules run, so that every rule, condition and grid
/// axis reads them like any other fact. Inputs are input facts (never other derived ones), so one pass suffices.
/// </summary>
internal sealed class DerivedFacts
{
    private readonly int[] slots;
    private readonly DerivationKind[] kinds;
    private readonly int[][] inputs;
    private readonly bool[] missingAsZero;

    public DerivedFacts(IReadOnlyList<CompiledFact> facts, IReadOnlyDictionary<string, CompiledFact> byName)
    {
        var derived = facts.Where(f => f.Definition.Derived is not null).ToList();
        slots = derived.Select(f => f.Slot).ToArray();
        kinds = derived.Select(f => f.Definition.Derived!.Kind).ToArray();
        inputs = derived.Select(f => f.Definition.Derived!.Of.Select(i => byName[i].Slot).ToArray()).ToArray();
        missingAsZero = derived.Select(f => f.Definition.Derived!.Missing == MissingPolicy.Zero).ToArray();
    }

    public void Compute(FactSet facts)
    {
        for (var d = 0; d < slots.Length; d++)
        {
            var (value, any, complete) = (0d, false, true);
            var of = inputs[d];
            for (var k = 0; k < of.Length; k++)
            {
                var present = facts.Present[of[k]];
                if (!present && !missingAsZero[d])
                {
                    complete = false;
                    break;
                }
                any |= present;
                var x = present ? facts.Values[of[k]] : 0;
                value = k == 0 ? x : kinds[d] switch
                {
                    DerivationKind.Min => Math.Min(value, x),
                    DerivationKind.Max => Math.Max(value, x),
                    _ => value + x,
                };
            }
            var provided = complete && any;
            facts.Values[slots[d]] = provided ? value : 0;
            facts.Present[slots[d]] = provided;
            facts.Credentials[slots[d]] = null;
        }
    }
}
