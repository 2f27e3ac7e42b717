using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class FactReader
{
    public static FactDefinition? Read(ObjectReader reader, string name)
    {
        var type = reader.Enum<FactType>("type", required: true);
        var fact = new FactDefinition(
            name,
            type ?? FactType.Number,
            reader.ReadLabels(required: false),
            reader.String("unit"),
            reader.Strings("values"),
            reader.Decimal("min"),
            reader.Decimal("max"),
            reader.Decimal("step"),
            reader.Strings("persons"),
            reader.Enum<ExplainDirection>("explain") ?? ExplainDirection.Any);
        return type is null ? null : fact;
    }
}
