using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Tiers;

namespace TalentMesh.Registration.Talents;

/// <summary>The Talent a caller sees: the stored record, its etag and the tier projection.</summary>
public static class TalentView
{
    public static string Etag(long version) => "v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Talent Of(StoredTalent stored, TierStanding? standing)
    {
        var talent = stored.Talent.Clone();
        talent.Etag = Etag(stored.Version);
        // No projection yet: Evaluation publishes a talent's first evaluation only once it reaches a tier.
        talent.Tier = standing?.Tier ?? Tier.None;
        if (standing?.CertificationValidUntil is { } until)
            talent.CertificationValidUntil = Timestamp.FromDateTimeOffset(until);
        return talent;
    }
}
