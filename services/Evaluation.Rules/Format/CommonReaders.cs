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

    /// <summary><c>"source": "document"</c> or <c>{"document", "article", "url"}</c> (at least one of them).</summary>
    public static Source? ReadSource(this ObjectReader reader)
    {
        if (reader.Get("source") is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return reader.String("source") is { } document ? new Source(document, null, null) : null;
        if (reader.Child("source") is not { } source)
            return null;
        var (doc, article, url) = (source.String("document"), source.String("article"), source.String("url"));
        source.RejectUnknownFields();
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            source.Error("url", $"'{url}' is not an absolute URL");
        if (doc is null && article is null && url is null)
            reader.Error("source", "needs at least one of document, article, url");
        return doc is null && article is null && url is null ? null : new Source(doc, article, url);
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
