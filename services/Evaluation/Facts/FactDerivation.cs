using static TalentMesh.Evaluation.Facts.FactNames;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// Turns a talent's projection into facts as of one day: each fact from the verified credentials that contribute it
/// (highest, latest, any or count, per docs/facts.md), with those credentials' ids; and the time-moving facts (age,
/// years since graduation, months of social insurance) computed from their dates on <paramref name="today"/>.
/// </summary>
public static class FactDerivation
{
    private static readonly string[] HighestOf = [Education, ProfessionalTitle, SkillLevel, AwardLevel, TalentProgram];
    private static readonly string[] LatestOf = [IncomeMultiple, EmployerType, Position];

    public static IReadOnlyList<NamedFact> Derive(TalentFacts talent, DateOnly today)
    {
        var facts = new List<NamedFact>();
        var verified = talent.Verified.OrderBy(c => c.CredentialId, StringComparer.Ordinal).ToList();

        foreach (var name in HighestOf)
            Highest(facts, verified, name);

        var returnee = Contributors(verified, ReturneeOrForeign);
        if (returnee.Count > 0 || talent.Registration is { ForeignDocument: true })
            facts.Add(new NamedFact(ReturneeOrForeign, FactValue.Of(true), Ids(returnee)));
        else if (talent.Registration is not null)
            facts.Add(new NamedFact(ReturneeOrForeign, FactValue.Of(false), []));
        Any(facts, verified, DoubleFirstClassGraduate);
        Any(facts, verified, WorldClassAward);

        var sources = TimeSources.Of(talent, verified);
        if (sources.Graduation is { } graduation)
            facts.Add(new NamedFact(GraduationDate, graduation.Contributes[GraduationDate], [graduation.CredentialId]));
        facts.AddRange(TimeMoving(sources, today));
        foreach (var name in LatestOf)
        {
            if (Latest(verified, name) is { } latest)
                facts.Add(new NamedFact(name, latest.Contributes[name], [latest.CredentialId]));
        }
        var patents = Contributors(verified, InventionPatents);
        if (patents.Count > 0)
            facts.Add(new NamedFact(InventionPatents, FactValue.Of(Math.Min(1000, patents.Count)), Ids(patents)));
        if (talent.Registration is not null || talent.Credentials.Count > 0)
        {
            var falsified = talent.Falsified.OrderBy(c => c.CredentialId, StringComparer.Ordinal).ToList();
            facts.Add(new NamedFact(FalsifiedMaterials, FactValue.Of(Math.Min(100, falsified.Count)), Ids(falsified)));
        }
        return facts;
    }

    /// <summary>Only the facts that move with time (age, years since graduation, social-insurance months), as of <paramref name="day"/>.</summary>
    public static IReadOnlyList<NamedFact> TimeMoving(TalentFacts talent, DateOnly day) => TimeMoving(TimeSources.Of(talent), day);

    public static List<NamedFact> TimeMoving(TimeSources sources, DateOnly today)
    {
        var facts = new List<NamedFact>(3);
        if (sources.BirthDate is { } born)
            facts.Add(new NamedFact(Age, FactValue.Of(Math.Max(0, FullYears(born, today))), []));
        if (sources.Graduation is { } graduation)
        {
            var date = graduation.Contributes[GraduationDate].Date!.Value;
            facts.Add(new NamedFact(YearsSinceGraduation, FactValue.Of(Math.Max(0, FullMonths(date, today) / 6) / 2m), [graduation.CredentialId]));
        }
        if (sources.Insurance is { } insurance)
        {
            var asOf = insurance.Contributes[SocialInsuranceAsOf].Date!.Value;
            // Contributions are taken to continue after as_of until a newer credential or a revocation says otherwise.
            var months = insurance.Contributes[SocialInsuranceMonths].Number!.Value + Math.Max(0, FullMonths(asOf, today));
            facts.Add(new NamedFact(SocialInsuranceMonths, FactValue.Of(Math.Min(600, months)), [insurance.CredentialId]));
        }
        return facts;
    }

    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/> (a birthday counts on the day).</summary>
    public static int FullYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }

    public static int FullMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return from.AddMonths(months) > to ? months - 1 : months;
    }

    // Plain loops below, not LINQ: every event, rollout step, preview and boundary search derives a talent's facts.
    private static void Highest(List<NamedFact> facts, List<CredentialRecord> verified, string name)
    {
        var order = Ordered[name];
        var best = -1;
        List<string>? ids = null;
        foreach (var credential in verified)
        {
            if (!credential.Contributes.TryGetValue(name, out var value))
                continue;
            var rank = Array.IndexOf(order, value.Category);
            if (rank > best)
                (best, ids) = (rank, [credential.CredentialId]);
            else if (rank == best && rank >= 0)
                ids!.Add(credential.CredentialId);
        }
        if (best >= 0)
            facts.Add(new NamedFact(name, FactValue.Of(order[best]), ids!));
    }

    private static void Any(List<NamedFact> facts, List<CredentialRecord> verified, string name)
    {
        var contributors = Contributors(verified, name);
        if (contributors.Count == 0)
            return;
        var holding = contributors.Where(c => c.Contributes[name].Flag == true).ToList();
        facts.Add(holding.Count > 0 ? new NamedFact(name, FactValue.Of(true), Ids(holding)) : new NamedFact(name, FactValue.Of(false), Ids(contributors)));
    }

    /// <summary>The contributor with the latest recency, then the latest decision; the first in order on a tie.</summary>
    internal static CredentialRecord? Latest(List<CredentialRecord> verified, string name)
    {
        CredentialRecord? latest = null;
        foreach (var credential in verified)
        {
            if (!credential.Contributes.ContainsKey(name))
                continue;
            if (latest is null)
            {
                latest = credential;
                continue;
            }
            var (recency, latestRecency) = (credential.Recency ?? DateOnly.MinValue, latest.Recency ?? DateOnly.MinValue);
            if (recency > latestRecency || (recency == latestRecency && credential.DecidedAt > latest.DecidedAt))
                latest = credential;
        }
        return latest;
    }

    private static List<CredentialRecord> Contributors(List<CredentialRecord> verified, string name)
    {
        var contributors = new List<CredentialRecord>();
        foreach (var credential in verified)
        {
            if (credential.Contributes.ContainsKey(name))
                contributors.Add(credential);
        }
        return contributors;
    }

    private static List<string> Ids(List<CredentialRecord> credentials) => credentials.ConvertAll(c => c.CredentialId);
}
