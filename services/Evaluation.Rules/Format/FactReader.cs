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
            reader.Enum<ExplainDirection>("explain") ?? ExplainDirection.Any) { Derived = ReadDerivation(reader) };
        return type is null ? null : fact;
    }

    /// <summary><c>"derived": {"min"|"max"|"sum": [facts], "missing": "skip"|"zero"}</c>.</summary>
    private static Derivation? ReadDerivation(ObjectReader reader)
    {
        if (reader.Child("derived") is not { } derived)
            return null;
        var kinds = Enum.GetValues<DerivationKind>().Where(k => derived.Has(Camel(k))).ToList();
        var missing = derived.Enum<MissingPolicy>("missing") ?? MissingPolicy.Skip;
        if (kinds.Count != 1)
        {
            derived.Error("min", "needs exactly one of min, max, sum (a list of the facts it is computed from)");
            foreach (var kind in Enum.GetValues<DerivationKind>())
                derived.Skip(Camel(kind));
            derived.RejectUnknownFields();
            return null;
        }
        var inputs = derived.Strings(Camel(kinds[0]), required: true);
        derived.RejectUnknownFields();
        return new Derivation(kinds[0], inputs, missing);
    }

    private static string Camel(DerivationKind kind) => WriterExtensions.Camel(kind.ToString());
}
