using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Redemption.Facts;

/// <summary>Does one fact satisfy one policy condition? A missing fact, or one of another kind, never does.</summary>
public static class FactConditionTest
{
    public static bool Holds(FactCondition condition, Fact? fact, DateOnly today) => fact is not null && condition.TestCase switch
    {
        FactCondition.TestOneofCase.Category => fact.ValueCase == Fact.ValueOneofCase.Category
            && condition.Category.AnyOf.Contains(fact.Category),
        FactCondition.TestOneofCase.Number => fact.ValueCase == Fact.ValueOneofCase.Number
            && (!condition.Number.HasMin || fact.Number >= condition.Number.Min)
            && (!condition.Number.HasMax || fact.Number <= condition.Number.Max),
        FactCondition.TestOneofCase.Flag => fact.ValueCase == Fact.ValueOneofCase.Flag && fact.Flag == condition.Flag,
        FactCondition.TestOneofCase.Date => fact.ValueCase == Fact.ValueOneofCase.Date && IsWithin(fact.Date, condition.Date.WithinMonths, today),
        _ => false,
    };

    private static bool IsWithin(Google.Type.Date date, int months, DateOnly today)
    {
        if (date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(Math.Clamp(date.Year, 1, 9999), date.Month) || date.Year is < 1 or > 9999)
            return false;
        var day = new DateOnly(date.Year, date.Month, date.Day);
        return day <= today && day >= today.AddMonths(-months);
    }

    /// <summary>How the condition reads to a talent, e.g. "education is one of master, doctor".</summary>
    public static string Describe(FactCondition condition) => condition.TestCase switch
    {
        FactCondition.TestOneofCase.Category => $"{condition.Fact} is one of {string.Join(", ", condition.Category.AnyOf)}",
        FactCondition.TestOneofCase.Number => (condition.Number.HasMin, condition.Number.HasMax) switch
        {
            (true, true) => $"{condition.Fact} between {condition.Number.Min} and {condition.Number.Max}",
            (true, false) => $"{condition.Fact} at least {condition.Number.Min}",
            (false, true) => $"{condition.Fact} at most {condition.Number.Max}",
            _ => $"{condition.Fact} is known",
        },
        FactCondition.TestOneofCase.Flag => $"{condition.Fact} is {(condition.Flag ? "true" : "false")}",
        FactCondition.TestOneofCase.Date => $"{condition.Fact} within the last {condition.Date.WithinMonths} months",
        _ => condition.Fact,
    };
}
