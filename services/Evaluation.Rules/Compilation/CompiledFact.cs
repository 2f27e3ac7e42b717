using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>A fact bound to an integer slot. Category values are stored in the slot as their index.</summary>
public sealed class CompiledFact(int slot, FactDefinition definition)
{
    private readonly Dictionary<string, int> categoryIndex =
        definition.Values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);

    public int Slot => slot;

    public string Name => definition.Name;

    public FactDefinition Definition => definition;

    public FactType Type => definition.Type;

    /// <summary>How many slot values a category (its values) or boolean (false, true) fact takes; 0 for numbers.</summary>
    public int ValueCount => Type == FactType.Boolean ? 2 : definition.Values.Count;

    /// <summary>The slot value of a category value or "true"/"false"; -1 when not a value of this fact.</summary>
    public int IndexOf(string value) => Type switch
    {
        FactType.Boolean => value == "true" ? 1 : value == "false" ? 0 : -1,
        _ => categoryIndex.GetValueOrDefault(value, -1),
    };

    public string Display(double value) => Type switch
    {
        FactType.Category => value >= 0 && value < definition.Values.Count ? definition.Values[(int)value] : Num.Format(value),
        FactType.Boolean => value != 0 ? "true" : "false",
        _ => Num.Format(value),
    };
}
