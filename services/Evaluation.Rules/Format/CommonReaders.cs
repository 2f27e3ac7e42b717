using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class CommonReaders
{
    public static Labels? ReadLabels(this ObjectReader reader, bool required = true)
    {
        if (reader.Child("labels", required) is not { } labels)
            return null;
        var zh = labels.String("zh", required: true);
        var en = labels.String("en", required: true);
        labels.RejectUnknownFields();
        return zh is null || en is null ? null : new Labels(zh, en);
    }

    /// <summary>min/max with inclusivity flags; by default a range includes its min and excludes its max.</summary>
    public static NumericRange ReadRange(this ObjectReader reader) => new(
        reader.Decimal("min"),
        reader.Bool("minInclusive") ?? true,
        reader.Decimal("max"),
        reader.Bool("maxInclusive") ?? false);

    public static Scalar? ReadScalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Scalar.Of(element.GetString()!),
        JsonValueKind.Number when element.TryGetDecimal(out var d) => Scalar.Of(d),
        JsonValueKind.True => Scalar.Of(true),
        JsonValueKind.False => Scalar.Of(false),
        _ => null,
    };

    /// <summary>Placeholder labels keep the model whole after an error has already been recorded.</summary>
    public static readonly Labels Missing = new("?", "?");
}
