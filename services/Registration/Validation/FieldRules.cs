using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentMesh.Registration.Validation;

/// <summary>Small checks many requests share; each returns the problem or null.</summary>
public static partial class FieldRules
{
    /// <summary>Required free text of bounded length, without control characters (they corrupt logs and documents).</summary>
    public static string? Text(string value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? "is required" : null;
        if (value.Length > maxLength)
            return $"must be at most {maxLength} characters";
        return value.Any(char.IsControl) ? "must not contain control characters" : null;
    }

    /// <summary>A calendar date (google.type.Date) that exists, is not after <paramref name="latest"/> and not before <paramref name="earliest"/>.</summary>
    public static string? Date(Google.Type.Date? date, DateOnly earliest, DateOnly latest)
    {
        if (date is null)
            return "is required";
        if (ToDateOnly(date) is not { } value)
            return "is not a real calendar date";
        if (value > latest)
            return "must not be in the future";
        return value < earliest ? $"must not be before {earliest:yyyy-MM-dd}" : null;
    }

    public static DateOnly? ToDateOnly(Google.Type.Date date) =>
        date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1
        && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;

    public static Google.Type.Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static string? Year(int year, int earliest, int latest) =>
        year < earliest || year > latest ? $"must be between {earliest} and {latest}" : null;

    /// <summary>A defined, non-zero value of a proto enum.</summary>
    public static string? EnumValue<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0 && Enum.IsDefined(value) ? null : "must be set to a defined value";

    /// <summary>Client-generated idempotency key: 1–64 characters of letters, digits, '-' and '_' (a UUID fits).</summary>
    public static string? IdempotencyKey(string key) =>
        IdempotencyKeyPattern().IsMatch(key) ? null : "must be 1–64 letters, digits, '-' or '_' (a UUID is recommended)";

    /// <summary>Identifiers this service hands out (talent ids are token subjects): 1–64 URL-safe characters.</summary>
    public static string? Identifier(string id) =>
        IdentifierPattern().IsMatch(id) ? null : "must be 1–64 letters, digits, '-', '_' or '.'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdempotencyKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex IdentifierPattern();
}
