using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Calendar;

namespace TalentMesh.Redemption.Eligibility;

/// <summary>Frequency periods are calendar periods in China time: this month, this quarter, this year, or ever.</summary>
public static class FrequencyWindow
{
    public static DateTimeOffset PeriodStart(FrequencyPeriod period, DateTimeOffset now)
    {
        var today = ChinaTime.Today(now);
        return period switch
        {
            FrequencyPeriod.Month => ChinaTime.StartOf(new DateOnly(today.Year, today.Month, 1)),
            FrequencyPeriod.Quarter => ChinaTime.StartOf(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1)),
            FrequencyPeriod.Year => ChinaTime.StartOf(new DateOnly(today.Year, 1, 1)),
            _ => DateTimeOffset.MinValue,
        };
    }

    /// <summary>A key naming the current period (automatic grants happen once per period).</summary>
    public static string PeriodKey(FrequencyLimit? limit, DateTimeOffset now) =>
        limit is null || limit.Times == 0 || limit.Period == FrequencyPeriod.Lifetime
            ? "ever"
            : PeriodStart(limit.Period, now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsExceeded(FrequencyLimit? limit, IReadOnlyList<DateTimeOffset> counted, DateTimeOffset now)
    {
        if (limit is null || limit.Times <= 0)
            return false;
        var start = PeriodStart(limit.Period, now);
        return counted.Count(t => t >= start) >= limit.Times;
    }
}
