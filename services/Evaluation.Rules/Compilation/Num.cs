using System.Globalization;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// Points are exact thousandths (long) in the engine; facts are doubles. A decimal bound becomes the double
/// nearest to its text, exactly as a fact value parsed from the same text, so "2.2" compares equal to 2.2.
/// </summary>
public static class Num
{
    public const long Scale = 1000;

    public static long Milli(decimal points) => (long)(points * Scale);

    public static decimal Points(long milli) => milli / (decimal)Scale;

    public static double ToDouble(decimal value) => double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
