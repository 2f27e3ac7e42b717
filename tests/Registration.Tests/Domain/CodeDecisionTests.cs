using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Registration.TalentCodes;
using TalentMesh.Registration.Tiers;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class CodeDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Now.AddYears(3);
    private static readonly CodeSerial ActiveD = new("s1", "t1", Tier.D, Now.AddDays(-1), Until);

    [Fact]
    public void AfterEvaluation_TierGained_Issues() =>
        Assert.Equal(new CodeDecision(null, (Tier.D, Until)), CodeDecision.AfterEvaluation(null, new TierStanding(1, Tier.D, false, Until), Now));

    [Fact]
    public void AfterEvaluation_SameTierAndPeriod_Nothing() =>
        Assert.Equal(CodeDecision.Nothing, CodeDecision.AfterEvaluation(ActiveD, new TierStanding(2, Tier.D, false, Until), Now));

    [Fact]
    public void AfterEvaluation_TierChanged_ReplacesCode() =>
        Assert.Equal(new CodeDecision(TalentCodeRevocationReason.TierChanged, (Tier.C, Until)),
            CodeDecision.AfterEvaluation(ActiveD, new TierStanding(2, Tier.C, false, Until), Now));

    [Theory]
    [InlineData(Tier.None, false)]
    [InlineData(Tier.D, true)]
    public void AfterEvaluation_TierLostOrVetoed_RevokesTierChanged(Tier tier, bool vetoed) =>
        Assert.Equal(new CodeDecision(TalentCodeRevocationReason.TierChanged, null),
            CodeDecision.AfterEvaluation(ActiveD, new TierStanding(2, tier, vetoed, null), Now));

    [Fact]
    public void AfterEvaluation_CertificationLapsed_RevokesExpired() =>
        Assert.Equal(new CodeDecision(TalentCodeRevocationReason.CertificationExpired, null),
            CodeDecision.AfterEvaluation(ActiveD, new TierStanding(2, Tier.D, false, Now.AddSeconds(-1)), Now));

    [Fact]
    public void AfterEvaluation_NoTierNoCode_Nothing() =>
        Assert.Equal(CodeDecision.Nothing, CodeDecision.AfterEvaluation(null, new TierStanding(1, Tier.None, false, null), Now));
}
