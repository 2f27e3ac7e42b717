using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Tests.Scores;

public sealed class EvaluationCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LoadedRuleSet Default = Load();

    private static LoadedRuleSet Load()
    {
        var compiled = ShippedRuleSets.Compile(ShippedRuleSets.HighTechZone);
        return new LoadedRuleSet(LoadedRuleSet.HashOf(compiled), compiled);
    }

    private static readonly NamedFact[] TierE =
    [
        new("age", FactValue.Of(29m), []), new("education", FactValue.Of("doctor"), ["c-1"]), new("employer_type", FactValue.Of("little_giant"), ["c-2"]),
    ];

    [Fact]
    public void Next_First_PublishesWithCertification()
    {
        var outcome = EvaluationCalculator.Next(Default, TierE, null, EvaluationTrigger.CredentialVerified, Now, 36)!;

        Assert.True(outcome.Changed);
        Assert.Equal(60, outcome.Record.TotalPoints);
        Assert.Equal(Tier.E, outcome.Record.Tier);
        Assert.Equal(Now.AddMonths(36), outcome.Record.CertificationValidUntil.ToDateTimeOffset());
    }

    [Fact]
    public void Next_FirstWithoutTier_StoredButNotPublished_ThenTheFirstTierIsPublished()
    {
        NamedFact[] registered = [new("age", FactValue.Of(29m), [])];

        var first = EvaluationCalculator.Next(Default, registered, null, EvaluationTrigger.Registration, Now, 36)!;
        var tiered = EvaluationCalculator.Next(Default, TierE, first.Record, EvaluationTrigger.CredentialVerified, Now, 36)!;

        Assert.Equal((Tier.None, 15d, false), (first.Record.Tier, first.Record.TotalPoints, first.Changed));
        Assert.Equal((Tier.E, Tier.None, 2L, true), (tiered.Record.Tier, tiered.Record.PreviousTier, tiered.Record.EvaluationSequence, tiered.Changed));
    }

    [Fact]
    public void Next_SameFactsSameRuleSet_IsNothing()
    {
        var first = EvaluationCalculator.Next(Default, TierE, null, EvaluationTrigger.CredentialVerified, Now, 36)!;

        Assert.Null(EvaluationCalculator.Next(Default, TierE, first.Record, EvaluationTrigger.CredentialVerified, Now.AddDays(1), 36));
    }

    [Fact]
    public void Next_CertificationLapsed_RenewsAndPublishes()
    {
        var first = EvaluationCalculator.Next(Default, TierE, null, EvaluationTrigger.CredentialVerified, Now, 36)!;
        var lapse = Now.AddMonths(36);

        var renewed = EvaluationCalculator.Next(Default, TierE, first.Record, EvaluationTrigger.Scheduled, lapse, 36)!;

        Assert.True(renewed.Changed);
        Assert.Equal(lapse.AddMonths(36), renewed.Record.CertificationValidUntil.ToDateTimeOffset());
        Assert.Equal(2, renewed.Record.EvaluationSequence);
    }

    [Fact]
    public void Replay_StoredEvaluation_GivesTheSameResult()
    {
        var outcome = EvaluationCalculator.Next(Default, TierE, null, EvaluationTrigger.CredentialVerified, Now, 36)!;

        var replayed = EvaluationCalculator.Replay(Default, outcome.Record);

        Assert.Equal(outcome.Result.Total, replayed.Total);
        Assert.Equal(outcome.Result.Breakdown.Select(b => (b.RuleId, b.Points)), replayed.Breakdown.Select(b => (b.RuleId, b.Points)));
    }
}
