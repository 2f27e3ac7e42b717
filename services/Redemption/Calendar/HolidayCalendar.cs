using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentMesh.Redemption.Calendar;

/// <summary>
/// Which days are working days in mainland China: the State Council's holidays and adjusted working days (kept as
/// data in china-holidays.json), otherwise Monday to Friday. Public notice periods (公示) are counted in these days.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> adjustedWorkingDays;

    public HolidayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> adjustedWorkingDays)
    {
        this.holidays = [.. holidays];
        this.adjustedWorkingDays = [.. adjustedWorkingDays];
        var both = this.holidays.Intersect(this.adjustedWorkingDays).ToList();
        if (both.Count > 0)
            throw new InvalidDataException($"{both[0]:yyyy-MM-dd} is listed both as a holiday and as a working day.");
    }

    public IReadOnlyList<int> Years { get; private init; } = [];

    public bool IsWorkingDay(DateOnly day) =>
        adjustedWorkingDays.Contains(day) || (!holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The day on which <paramref name="workingDays"/> full working days after <paramref name="start"/> are complete.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                counted++;
        }
        return day;
    }

    /// <summary>The calendar shipped with the service (embedded china-holidays.json).</summary>
    public static HolidayCalendar China { get; } = Load(typeof(HolidayCalendar).Assembly.GetManifestResourceStream("TalentMesh.Redemption.Calendar.china-holidays.json")
        ?? throw new InvalidOperationException("china-holidays.json is not embedded."));

    public static HolidayCalendar Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<CalendarFile>(json) ?? throw new InvalidDataException("Empty holiday calendar.");
        foreach (var year in file.Years)
        {
            var stray = year.Holidays.Concat(year.WorkingDays).FirstOrDefault(d => d.Year != year.Year);
            if (stray != default)
                throw new InvalidDataException($"{stray:yyyy-MM-dd} is listed under {year.Year}.");
        }
        return new HolidayCalendar(file.Years.SelectMany(y => y.Holidays), file.Years.SelectMany(y => y.WorkingDays))
        {
            Years = [.. file.Years.Select(y => y.Year)],
        };
    }

    private sealed record CalendarFile([property: JsonPropertyName("years")] IReadOnlyList<CalendarYear> Years);

    private sealed record CalendarYear(
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("holidays")] IReadOnlyList<DateOnly> Holidays,
        [property: JsonPropertyName("working_days")] IReadOnlyList<DateOnly> WorkingDays);
}
