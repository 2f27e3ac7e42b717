using TalentMesh.Contracts.Common.V1;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Tests.Support;

public static class Talents
{
    public static Fact Category(string key, string value) => new() { Key = key, Category = value };

    public static Fact Number(string key, double value) => new() { Key = key, Number = value };

    public static Fact Date(string key, DateOnly day) => new() { Key = key, Date = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day } };

    public static TalentFactsSummary Facts(params Fact[] facts)
    {
        var summary = new TalentFactsSummary();
        summary.Facts.AddRange(facts);
        return summary;
    }

    public static TalentProfile Profile(Tier tier, params Fact[] facts) => new("t1", tier, 1, Facts(facts), CodeState.Active);
}
