using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class FactReader
{
    public static FactDefinition? Read(ObjectReader reader)
    {
        var name = reader.String("name", required: true);
        reader.Subject = name is null ? $"fact at {reader.Path}" : $"fact '{name}'";
        var type = reader.Enum<FactType>("type", required: true);
        var fact = new FactDefinition(
            name ?? "",
            type ?? FactType.Number,
            reader.ReadLabels(required: false),
            reader.String("unit"),
            reader.Strings("values"),
            reader.Decimal("min"),
            reader.Decimal("max"),
            reader.Decimal("step"),
            reader.Strings("persons"),
            reader.Enum<ExplainDirection>("explain") ?? ExplainDirection.Any);
        reader.RejectUnknownFields();
        return name is null || type is null ? null : fact;
    }
}
