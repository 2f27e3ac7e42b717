using System.Globalization;

namespace TalentMesh.Evaluation.Rules.Model;

public enum ScalarKind
{
    Text,
    Number,
    Boolean,
}

/// <summary>A literal fact value in a condition: a category value, a number or a boolean.</summary>
public readonly record struct Scalar(ScalarKind Kind, string? Text, decimal Number, bool Flag)
{
    public static Scalar Of(string text) => new(ScalarKind.Text, text, 0, false);

    public static Scalar Of(decimal number) => new(ScalarKind.Number, null, number, false);

    public static Scalar Of(bool flag) => new(ScalarKind.Boolean, null, 0, flag);

    public override string ToString() => Kind switch
    {
        ScalarKind.Text => Text!,
        ScalarKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        _ => Flag ? "true" : "false",
    };
}
