using Google.Type;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>
/// The demo's three talents, fresh for each run (new ids and identity numbers): a young doctor who earns a tier on
/// points, a provincial-program talent recognized directly (tier C), and a graduate whose award HR rejects and who
/// stays below every threshold.
/// </summary>
public static class DemoCast
{
    /// <summary>A valid unified social credit code (GB 32100-2015) of a high-tech employer in the zone.</summary>
    public const string Employer = "91350100M000100Y43";

    public static IReadOnlyList<DemoTalent> Create(string run, DateOnly today, Random random)
    {
        DateOnly Born(int yearsAgo) => today.AddYears(-yearsAgo).AddDays(-random.Next(30, 300));
        string Phone() => $"138{random.Next(0, 100_000_000):00000000}";
        string Reference(string prefix) => $"{prefix}-{run}-{random.Next(1000, 9999)}".ToUpperInvariant();
        string ChsiCode() => string.Concat(Enumerable.Range(0, 16).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[random.Next(34)]));
        var lastYear = today.Year - 1;

        var liBirth = Born(31);
        var wangBirth = Born(41);
        var zhangBirth = Born(26);
        return
        [
            new DemoTalent($"demo-{run}-li", "李伟", liBirth, Gender.Male, ResidentIdNumbers.Create(liBirth, Gender.Male, random), Phone(),
            [
                new(new() { Degree = new() { Level = EducationLevel.Doctor, Institution = "浙江大学", Major = "计算机科学与技术", GraduationDate = DateOf(today.AddYears(-4)), FullTime = true, DoubleFirstClass = true } }, ChsiCode()),
                new(new() { Employment = new() { EmployerCreditCode = Employer, Position = EmploymentPosition.CoreTechnical, StartDate = DateOf(today.AddYears(-4).AddDays(30)), EmployerCategory = EmployerCategory.HighTech } }, Reference("HT")),
                new(new() { Income = new() { AnnualTaxableIncome = new Money { CurrencyCode = "CNY", Units = 450_000 }, TaxYear = lastYear, MultipleOfAverageWage = 3.2 } }, Reference("TAX")),
                new(new() { SocialInsurance = new() { ContinuousMonthsInZone = 40, EmployerCreditCode = Employer, AsOf = DateOf(today.AddDays(-today.Day + 1)) } }, Reference("SI")),
                new(new() { Patent = new() { Kind = PatentKind.Invention, PatentNumber = $"ZL{lastYear - 1}1{random.Next(0, 10_000_000):0000000}.{random.Next(0, 10)}", InventorRank = 1, GrantedDate = DateOf(new DateOnly(lastYear, 3, 1)) } }, Reference("ZL")),
            ], "a tier on points (E or better)", tier => tier is Tier.A or Tier.B or Tier.C or Tier.D or Tier.E),
            new DemoTalent($"demo-{run}-wang", "王芳", wangBirth, Gender.Female, ResidentIdNumbers.Create(wangBirth, Gender.Female, random), Phone(),
            [
                new(new() { TalentProgram = new() { Level = TalentProgramLevel.Provincial, ProgramTitle = "省级领军人才计划", Year = lastYear } }, Reference("TP")),
                new(new() { Degree = new() { Level = EducationLevel.Master, Institution = "复旦大学", Major = "微电子学", GraduationDate = DateOf(today.AddYears(-16)), FullTime = true } }, ChsiCode()),
            ], "tier C by direct recognition (provincial program)", tier => tier == Tier.C),
            new DemoTalent($"demo-{run}-zhang", "张敏", zhangBirth, Gender.Female, ResidentIdNumbers.Create(zhangBirth, Gender.Female, random), Phone(),
            [
                new(new() { Degree = new() { Level = EducationLevel.BachelorWithDegree, Institution = "杭州电子科技大学", Major = "软件工程", GraduationDate = DateOf(today.AddYears(-4)), FullTime = true } }, ChsiCode()),
                new(new() { Award = new() { Level = AwardLevel.National, AwardTitle = "国家科学技术进步奖", Year = lastYear, IssuingBody = "国务院" } }, Reference("AWARD"),
                    RejectReason: "The certificate number is not in the issuing body's register."),
            ], "no tier (below every threshold once the award is rejected)", tier => tier == Tier.None),
        ];
    }

    public static Date DateOf(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
