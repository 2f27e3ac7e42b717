using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Calendar;

namespace TalentMesh.Redemption.Tests.Domain;

public sealed class CalendarAndMoneyTests
{
    [Fact]
    public void AddWorkingDays_AcrossNationalDay2026_SkipsHolidaysAndCountsTheAdjustedSaturday()
    {
        // Oct 1–7 are holidays; Saturday Oct 10 is an adjusted working day.
        Assert.Equal(new DateOnly(2026, 10, 13), HolidayCalendar.China.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
    }

    [Fact]
    public void AddWorkingDays_OrdinaryWeek_SkipsTheWeekend()
    {
        Assert.Equal(new DateOnly(2026, 11, 13), HolidayCalendar.China.AddWorkingDays(new DateOnly(2026, 11, 6), 5));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2025_FollowsTheNotice()
    {
        Assert.False(HolidayCalendar.China.IsWorkingDay(new DateOnly(2025, 1, 29)));
        Assert.True(HolidayCalendar.China.IsWorkingDay(new DateOnly(2025, 1, 26)));
        Assert.True(HolidayCalendar.China.IsWorkingDay(new DateOnly(2025, 2, 8)));
    }

    [Fact]
    public void China_CoversThreeYears()
    {
        Assert.Equal([2025, 2026, 2027], HolidayCalendar.China.Years);
    }

    [Fact]
    public void Load_DayListedAsBothHolidayAndWorkingDay_IsRefused()
    {
        var json = """{"years":[{"year":2026,"holidays":["2026-10-01"],"working_days":["2026-10-01"]}]}""";
        Assert.Throws<InvalidDataException>(() => HolidayCalendar.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Fen_RoundTripsAndRefusesFractions()
    {
        Assert.Equal(123_45, Fen.From(Fen.ToMoney(123_45)));
        Assert.Equal("CNY", Fen.ToMoney(1).CurrencyCode);
        Assert.Null(Fen.Problem(new Google.Type.Money { CurrencyCode = "CNY", Units = 5, Nanos = 10_000_000 }));
        Assert.NotNull(Fen.Problem(new Google.Type.Money { CurrencyCode = "CNY", Units = 5, Nanos = 1 }));
        Assert.NotNull(Fen.Problem(new Google.Type.Money { CurrencyCode = "CNY", Units = -5 }));
        Assert.NotNull(Fen.Problem(new Google.Type.Money { CurrencyCode = "CNY", Units = long.MaxValue }));
    }
}
