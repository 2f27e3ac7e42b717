using System.Globalization;

namespace TalentMesh.Registration.Identity;

/// <summary>Birth dates as identity numbers encode them: real calendar dates, not in the future, not absurdly old.</summary>
public static class EncodedDates
{
    /// <summary>GB 11643 admits any real past date (its published examples include 1880 births); earlier is a typo.</summary>
    public static readonly DateOnly Earliest = new(1800, 1, 1);

    public static DateOnly? ParseYyyyMmDd(ReadOnlySpan<char> digits, DateOnly today) =>
        DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date >= Earliest && date <= today
            ? date
            : null;

    /// <summary>A two-digit year: the latest century that does not put the date in the future.</summary>
    public static DateOnly? ParseYyMmDd(ReadOnlySpan<char> digits, DateOnly today)
    {
        if (digits.Length != 6 || !int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var yy))
            return null;
        Span<char> full = stackalloc char[8];
        foreach (var century in new[] { 2000, 1900 })
        {
            (century + yy).TryFormat(full, out _, "0000", CultureInfo.InvariantCulture);
            digits[2..].CopyTo(full[4..]);
            if (ParseYyyyMmDd(full, today) is { } date)
                return date;
        }
        return null;
    }
}
