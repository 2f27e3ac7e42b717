using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Type;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.BackOffice.Credentials;

/// <summary>
/// A credential's typed attributes as (field, value) rows, read from the message descriptor: every field of every
/// credential type is shown, including ones added to the contract later, without a page per type.
/// </summary>
public static class AttributeRows
{
    public static IReadOnlyList<(string Field, string Value)> Of(CredentialAttributes? attributes)
    {
        if (attributes is null || attributes.KindCase == CredentialAttributes.KindOneofCase.None)
            return [];
        var kind = CredentialAttributes.Descriptor.FindFieldByNumber((int)attributes.KindCase);
        var message = (IMessage)kind.Accessor.GetValue(attributes);
        return message.Descriptor.Fields.InFieldNumberOrder()
            .Select(field => (field.Name, Format(field, field.Accessor.GetValue(message))))
            .ToList();
    }

    private static string Format(FieldDescriptor field, object? value) => value switch
    {
        null => "—",
        Date date => date.Year == 0 ? "—" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}",
        Money money => $"{money.Units + money.Nanos / 1_000_000_000m:0.##} {money.CurrencyCode}",
        Timestamp timestamp => Layout.Display.Time(timestamp),
        bool flag => flag ? "✓" : "✗",
        string text => text.Length == 0 ? "—" : text,
        System.Enum enumValue when field.FieldType == FieldType.Enum => EnumText(field.EnumType, Convert.ToInt32(enumValue, System.Globalization.CultureInfo.InvariantCulture)),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A proto enum value without its type prefix, e.g. EDUCATION_LEVEL_MASTER → "master".</summary>
    private static string EnumText(EnumDescriptor type, int number)
    {
        var name = type.FindValueByNumber(number)?.Name ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prefix = type.Values.Count > 0 ? type.Values[0].Name.Replace("UNSPECIFIED", "", StringComparison.Ordinal) : "";
        var bare = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        return bare.Replace('_', ' ').ToLowerInvariant();
    }
}
