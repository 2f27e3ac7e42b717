using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Type;
using TalentMesh.BackOffice.Policies;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.BackOffice.Credentials;

/// <summary>
/// HR's corrections of a credential's attributes before verifying it: one editable value per field of the credential's
/// own attribute kind, read from the message descriptor like <see cref="AttributeRows"/>, so every kind (and a field added
/// to the contract later) is editable without a form per kind. Values are kept as typed text and turned back into the
/// message on <see cref="Build"/>; a value that cannot be read is reported under the API's field name.
/// </summary>
public sealed class AttributeDraft
{
    private readonly CredentialAttributes submitted;
    private readonly FieldDescriptor kind;

    public AttributeDraft(CredentialAttributes submitted)
    {
        this.submitted = submitted;
        kind = CredentialAttributes.Descriptor.FindFieldByNumber((int)submitted.KindCase)
               ?? throw new ArgumentException("The attributes set no kind.", nameof(submitted));
        var message = (IMessage)kind.Accessor.GetValue(submitted);
        Fields = message.Descriptor.Fields.InFieldNumberOrder()
            .Where(field => !field.IsRepeated && !field.IsMap)
            .Select(field => AttributeDraftField.From(field, $"{Prefix}.{kind.Name}.{field.Name}", field.Accessor.GetValue(message)))
            .ToList();
    }

    /// <summary>The request field the corrections travel in, the start of every field violation's name.</summary>
    public const string Prefix = "corrected_attributes";

    public IReadOnlyList<AttributeDraftField> Fields { get; }

    /// <summary>
    /// The corrected attributes, or null when nothing differs from what was submitted (then nothing is sent); or, when a
    /// value cannot be read, the violations by field name (and nothing may be sent).
    /// </summary>
    public (CredentialAttributes? Corrected, IReadOnlyDictionary<string, string> Errors) Build()
    {
        var message = (IMessage)Activator.CreateInstance(kind.MessageType.ClrType)!;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (field.Read(out var value) is { } error)
                errors[field.Path] = error;
            else if (value is not null)
                field.Descriptor.Accessor.SetValue(message, value);
        }
        if (errors.Count > 0)
            return (null, errors);
        var corrected = new CredentialAttributes();
        kind.Accessor.SetValue(corrected, message);
        return (corrected.Equals(submitted) ? null : corrected, errors);
    }
}

/// <summary>One editable attribute: its descriptor, the API's name for it, and the value being typed.</summary>
public sealed class AttributeDraftField
{
    private AttributeDraftField(FieldDescriptor descriptor, string path, AttributeInput input)
    {
        Descriptor = descriptor;
        Path = path;
        Input = input;
    }

    public FieldDescriptor Descriptor { get; }

    public string Name => Descriptor.Name;

    /// <summary>The field's name in a field violation, e.g. <c>corrected_attributes.degree.graduation_date</c>.</summary>
    public string Path { get; }

    public AttributeInput Input { get; }

    /// <summary>Text of text, number, date (yyyy-MM-dd) and money (yuan) inputs.</summary>
    public string? Text { get; set; }

    public bool Flag { get; set; }

    /// <summary>The number of the chosen enum value.</summary>
    public int Choice { get; set; }

    /// <summary>The enum's values other than UNSPECIFIED: number and the C# name (for its resource key).</summary>
    public IReadOnlyList<(int Number, string Name)> Choices =>
        Descriptor.FieldType != FieldType.Enum ? [] :
        Descriptor.EnumType.Values.Where(v => v.Number != 0)
            .Select(v => (v.Number, System.Enum.GetName(Descriptor.EnumType.ClrType, v.Number) ?? v.Name)).ToList();

    internal static AttributeDraftField From(FieldDescriptor field, string path, object? value)
    {
        var input = field.FieldType switch
        {
            FieldType.Bool => AttributeInput.Flag,
            FieldType.Enum => AttributeInput.Choice,
            FieldType.Int32 or FieldType.Int64 or FieldType.SInt32 or FieldType.SInt64 or FieldType.SFixed32 or FieldType.SFixed64 => AttributeInput.Integer,
            FieldType.Double or FieldType.Float => AttributeInput.Number,
            FieldType.Message when field.MessageType.ClrType == typeof(Date) => AttributeInput.Date,
            FieldType.Message when field.MessageType.ClrType == typeof(Money) => AttributeInput.Money,
            _ => AttributeInput.Text,
        };
        var draft = new AttributeDraftField(field, path, input);
        switch (value)
        {
            case bool flag: draft.Flag = flag; break;
            case System.Enum choice: draft.Choice = Convert.ToInt32(choice, CultureInfo.InvariantCulture); break;
            case Date date: draft.Text = date.Year == 0 ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}"; break;
            case Money money: draft.Text = Yuan.Of(money)?.ToString("0.00", CultureInfo.InvariantCulture); break;
            case IFormattable number: draft.Text = number.ToString(null, CultureInfo.InvariantCulture); break;
            case string text: draft.Text = text; break;
        }
        return draft;
    }

    /// <summary>The value for the message (null: leave unset), or the reason it cannot be read.</summary>
    internal string? Read(out object? value)
    {
        value = null;
        var text = Text?.Trim() ?? "";
        switch (Input)
        {
            case AttributeInput.Flag:
                value = Flag;
                return null;
            case AttributeInput.Choice:
                value = System.Enum.ToObject(Descriptor.EnumType.ClrType, Choice);
                return null;
            case AttributeInput.Text:
                value = text;
                return null;
        }
        if (text.Length == 0)
            return null;
        switch (Input)
        {
            case AttributeInput.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole):
                // proto3 int32 fields take an int, the 64-bit ones a long.
                if (Descriptor.FieldType is FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32)
                {
                    if (whole is < int.MinValue or > int.MaxValue)
                        break;
                    value = (int)whole;
                }
                else
                {
                    value = whole;
                }
                return null;
            case AttributeInput.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                value = number;
                return null;
            case AttributeInput.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = new Date { Year = date.Year, Month = date.Month, Day = date.Day };
                return null;
            case AttributeInput.Money when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) && Yuan.ToFen(yuan) is { } fen:
                value = Yuan.Money(fen);
                return null;
        }
        return Input switch
        {
            AttributeInput.Integer => AttributeDraftErrors.Integer,
            AttributeInput.Number => AttributeDraftErrors.Number,
            AttributeInput.Date => AttributeDraftErrors.Date,
            _ => AttributeDraftErrors.Money,
        };
    }
}

public enum AttributeInput
{
    Text,
    Flag,
    Choice,
    Integer,
    Number,
    Date,
    Money,
}

/// <summary>Resource keys of the draft's own errors (the page shows their text).</summary>
public static class AttributeDraftErrors
{
    public const string Integer = "Correction.Integer";
    public const string Number = "Correction.Number";
    public const string Date = "Correction.Date";
    public const string Money = "Correction.Money";
}
