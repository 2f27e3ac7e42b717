using System.Globalization;
using System.Text.Json.Serialization;

namespace TalentMesh.Evaluation.Facts;

/// <summary>A fact's value in the one facts vocabulary (docs/facts.md): exactly one of the four is set.</summary>
public sealed record FactValue(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Number = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Flag = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Date = null)
{
    public static FactValue Of(string category) => new(Category: category);

    public static FactValue Of(decimal number) => new(Number: number);

    public static FactValue Of(bool flag) => new(Flag: flag);

    public static FactValue Of(DateOnly date) => new(Date: date);

    public override string ToString() =>
        Category ?? Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag is { } flag ? (flag ? "true" : "false") : Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
}

/// <summary>A fact as evaluated: its name, value and the credentials that prove it.</summary>
public sealed record NamedFact(string Name, FactValue Value, IReadOnlyList<string> CredentialIds);
