using static TalentMesh.Evaluation.Facts.FactNames;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// What a talent's time-moving facts count from: the birth date, the latest verified graduation and the latest
/// social-insurance record. Found once per talent, so that a boundary search trying many days only does date arithmetic.
/// </summary>
public sealed record TimeSources(DateOnly? BirthDate, CredentialRecord? Graduation, CredentialRecord? Insurance)
{
    public static TimeSources Of(TalentFacts talent) =>
        Of(talent, talent.Verified.OrderBy(c => c.CredentialId, StringComparer.Ordinal).ToList());

    /// <summary><paramref name="verified"/> in credential-id order, as <see cref="FactDerivation.Derive"/> sees them (ties pick the same credential).</summary>
    internal static TimeSources Of(TalentFacts talent, List<CredentialRecord> verified) =>
        new(talent.Registration?.BirthDate, FactDerivation.Latest(verified, GraduationDate), FactDerivation.Latest(verified, SocialInsuranceMonths));

    /// <summary>
    /// The dates the time-moving facts count from, with the fact and how often it moves (months): a birthday yearly,
    /// years since graduation every half year, social-insurance months monthly. Between these days no derived fact changes.
    /// </summary>
    public IEnumerable<(string Fact, DateOnly Anchor, int StepMonths)> Anchors()
    {
        if (BirthDate is { } born)
            yield return (Age, born, 12);
        if (Graduation is { } graduation)
            yield return (YearsSinceGraduation, graduation.Contributes[GraduationDate].Date!.Value, 6);
        if (Insurance is { } insurance)
            yield return (SocialInsuranceMonths, insurance.Contributes[SocialInsuranceAsOf].Date!.Value, 1);
    }
}
