using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.Testing;
using static TalentMesh.Evaluation.Tests.Support.TalentEvents;

namespace TalentMesh.Evaluation.Tests.Scores;

/// <summary>Registration's events in, talent.evaluated out, over the real Program, gRPC and redis-server.</summary>
public sealed class ScoreFlowTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    private DateOnly Today => DateOnly.FromDateTime(Host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private DateTimeOffset At(int minutes) => Host.Time.GetUtcNow().AddMinutes(minutes);

    /// <summary>Age 32 (10) + doctor (25) + high-tech employer (15) + executive (20) + 3.5× income (20) + national award (30) = 120: tier D.</summary>
    private async Task RegisterTierDTalentAsync(string talentId)
    {
        await PublishAsync(Registered(talentId, Today.AddYears(-32).AddDays(-10), At(0)));
        await PublishAsync(Verified(talentId, $"{talentId}-degree", Degree(EducationLevel.Doctor, new DateOnly(2012, 7, 1)), At(1)));
        await PublishAsync(Verified(talentId, $"{talentId}-job", Employment(EmployerCategory.HighTech, EmploymentPosition.Executive, new DateOnly(2020, 1, 1)), At(2)));
        await PublishAsync(Verified(talentId, $"{talentId}-income", Income(3.5, 2025), At(3)));
        await PublishAsync(Verified(talentId, $"{talentId}-award", Award(AwardLevel.National), At(4)));
    }

    [Fact]
    public async Task CredentialEvents_VerifiedFacts_PublishTierAndBreakdownWithCredentials()
    {
        await RegisterTierDTalentAsync("t-flow");

        var evaluated = await WaitForEvaluationAsync("t-flow", e => e.TotalPoints == 120, "all five events are evaluated");
        Assert.Equal(Tier.D, evaluated.Tier);
        Assert.Contains(evaluated.Facts.Facts, f => f.Key == "education" && f.Category == "doctor");
        Assert.NotNull(evaluated.CertificationValidUntil);

        var score = await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-flow" }, Hr);
        Assert.Equal(120, score.TotalPoints);
        Assert.Equal(Tier.D, score.Tier);
        var education = Assert.Single(score.Breakdown, r => r.RuleId == "education");
        Assert.Equal(25, education.Points);
        Assert.Equal(["t-flow-degree"], education.CredentialIds);
        Assert.Equal(Tier.C, score.NextTierGap.NextTier);
        Assert.Equal(30, score.NextTierGap.PointsNeeded);
        Assert.NotEmpty(score.Suggestions);
    }

    [Fact]
    public async Task CredentialVerified_WorldClassAward_RecognizedTierANamingTheAward()
    {
        await PublishAsync(Registered("t-world", Today.AddYears(-45), At(0)));
        await PublishAsync(Verified("t-world", "t-world-award", Award(AwardLevel.WorldClass), At(1)));

        var evaluated = await WaitForEvaluationAsync("t-world", e => e.Tier == Tier.A, "the world-class award recognizes tier A");
        Assert.Contains(evaluated.Facts.Facts, f => f.Key == "world_class_award" && f.Flag);
        var score = await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-world" }, Hr);
        Assert.Equal(Tier.A, score.Tier);
    }

    [Fact]
    public async Task TalentRegistered_NoTier_StoredNotPublished_FirstTierPublishedAsChangedFromNone()
    {
        await PublishAsync(Registered("t-quiet", Today.AddYears(-45), At(0)));
        var registered = await WaitForStoredEvaluationAsync("t-quiet", _ => true, "the registration is evaluated");
        Assert.Equal((Tier.None, false), (registered.Tier, registered.Published));

        await PublishAsync(Verified("t-quiet", "t-quiet-award", Award(AwardLevel.WorldClass), At(1)));

        var evaluated = await WaitForEvaluationAsync("t-quiet", e => e.Tier == Tier.A, "the world-class award recognizes tier A");
        Assert.Equal((2L, Tier.None, true), (evaluated.EvaluationSequence, evaluated.PreviousTier, evaluated.TierChanged));
        Assert.Single(await EvaluatedAsync("t-quiet"));
    }

    [Fact]
    public async Task CredentialVerified_SameEventTwice_OneEvaluation()
    {
        var at = At(0);
        await PublishAsync(Registered("t-dup", Today.AddYears(-40), at));
        await WaitForStoredEvaluationAsync("t-dup", _ => true, "the registration is evaluated");
        var verified = Verified("t-dup", "t-dup-title", Title(ProfessionalTitleLevel.Senior), At(1));

        var id = await PublishAsync(verified);
        await PublishAsync(verified, id);
        await WaitHandledAsync(id);
        await PublishAsync(Revoked("t-dup", "t-dup-title", CredentialType.ProfessionalTitle, fraud: false, At(2)));
        await WaitForEvaluationAsync("t-dup", e => e.Trigger == EvaluationTrigger.CredentialRevoked, "the revocation after the duplicates is evaluated");

        var history = await HistoryAsync("t-dup");
        Assert.Single(history.Evaluations, e => e.Trigger == EvaluationTrigger.CredentialVerified);
        Assert.Equal(3, history.Evaluations.Count);
        Assert.Equal([3L, 2L, 1L], history.Evaluations.Select(e => e.EvaluationSequence));
    }

    [Fact]
    public async Task GetEvaluationHistory_PagedNewestFirst_EachEvaluationOnceAndThePagesEnd()
    {
        await PublishAsync(Registered("t-pages", Today.AddYears(-40), At(0)));
        await WaitForStoredEvaluationAsync("t-pages", _ => true, "the registration is evaluated");
        await PublishAsync(Verified("t-pages", "t-pages-title", Title(ProfessionalTitleLevel.Senior), At(1)));
        await WaitForEvaluationAsync("t-pages", e => e.Trigger == EvaluationTrigger.CredentialVerified, "the title is evaluated");
        await PublishAsync(Revoked("t-pages", "t-pages-title", CredentialType.ProfessionalTitle, fraud: false, At(2)));
        await WaitForEvaluationAsync("t-pages", e => e.Trigger == EvaluationTrigger.CredentialRevoked, "the revocation is evaluated");

        var first = await Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = "t-pages", PageSize = 2 }, Admin);
        var second = await Scores.GetEvaluationHistoryAsync(
            new GetEvaluationHistoryRequest { TalentId = "t-pages", PageSize = 2, PageToken = first.NextPageToken }, Admin);

        Assert.Equal([3L, 2L], first.Evaluations.Select(e => e.EvaluationSequence));
        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal([1L], second.Evaluations.Select(e => e.EvaluationSequence));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task CredentialVerified_ReorderedPair_NewerFactWins()
    {
        await PublishAsync(Registered("t-order", Today.AddYears(-40), At(0)));
        // HR corrected the level: the correction (newer) arrives first, the original (older) second.
        var newer = await PublishAsync(Verified("t-order", "t-order-title", Title(ProfessionalTitleLevel.Senior), At(10)));
        var older = await PublishAsync(Verified("t-order", "t-order-title", Title(ProfessionalTitleLevel.Intermediate), At(5)));
        await WaitHandledAsync(newer);
        await WaitHandledAsync(older);

        var score = await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-order" }, Hr);
        var title = Assert.Single(score.Breakdown, r => r.RuleId == "professional_title");
        Assert.Equal(30, title.Points);
        Assert.Contains(title.Facts, f => f.Fact == "professional_title" && f.Value == "senior");
    }

    [Fact]
    public async Task CredentialRevoked_ForFraud_LowersScoreAndNamesDeduction()
    {
        await RegisterTierDTalentAsync("t-fraud");
        await WaitForEvaluationAsync("t-fraud", e => e.TotalPoints == 120, "the talent reaches tier D");

        await PublishAsync(Revoked("t-fraud", "t-fraud-award", CredentialType.Award, fraud: true, At(10)));

        var evaluated = await WaitForEvaluationAsync("t-fraud", e => e.Trigger == EvaluationTrigger.CredentialRevoked, "the revocation is evaluated");
        // The award's 30 points are withdrawn and falsified material deducts 50: 120 - 30 - 50 = 40, no tier.
        Assert.Equal(40, evaluated.TotalPoints);
        Assert.Equal(Tier.None, evaluated.Tier);
        Assert.True(evaluated.TierChanged);
        var explanation = await Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = "t-fraud" }, Hr);
        var deduction = Assert.Single(explanation.Steps, s => s.RuleId == "falsified_materials");
        Assert.Equal(RuleOutcome.Counted, deduction.Outcome);
        Assert.Equal(-50, deduction.FinalPoints);
        Assert.Equal(["t-fraud-award"], deduction.CredentialIds);
        Assert.Contains(explanation.Summary, line => line.StartsWith("falsified_materials", StringComparison.Ordinal) && line.Contains("t-fraud-award", StringComparison.Ordinal));
        Assert.Equal(RuleOutcome.NotProvided, Assert.Single(explanation.Steps, s => s.RuleId == "award").Outcome);
    }

    [Fact]
    public async Task GetScore_ApplicantAskingForAnotherTalent_NotFound()
    {
        await PublishAsync(Registered("t-own", Today.AddYears(-40), At(0)));
        await WaitForStoredEvaluationAsync("t-own", _ => true, "the registration is evaluated");

        var own = await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-own" }, As("applicant", "t-own"));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-own" }, As("applicant", "t-someone-else")));
        var history = await Assert.ThrowsAsync<RpcException>(async () =>
            await Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = "t-own" }, As("applicant", "t-someone-else")));

        Assert.Equal("t-own", own.TalentId);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, history.StatusCode);
    }

    [Fact]
    public async Task CredentialVerified_MalformedAttributes_DeadLetteredAndNoFacts()
    {
        var malformed = Verified("t-bad", "t-bad-1", Title(ProfessionalTitleLevel.Senior), At(0));
        malformed.CredentialType = CredentialType.Patent;

        await PublishAsync(malformed);

        await Eventually.TrueAsync(async () => await Topics.DeadLetterCountAsync<CredentialVerified>() == 1, Deadline, "the malformed event is dead-lettered");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-bad" }, Hr));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task EvaluateFacts_SeniorTitle_WhatIfWithoutStoring()
    {
        var request = new EvaluateFactsRequest
        {
            Facts =
            {
                new Fact { Key = "birth_date", Date = Date(Today.AddYears(-29)) },
                new Fact { Key = "professional_title", Category = "senior" },
                new Fact { Key = "employer_type", Category = "little_giant" },
            },
        };

        var score = await Scores.EvaluateFactsAsync(request, As("applicant", "t-any"));

        Assert.Equal(15 + 30 + 20, score.TotalPoints);
        Assert.Equal(Tier.E, score.Tier);
        Assert.Equal(0, score.EvaluationSequence);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Scores.EvaluateFactsAsync(
            new EvaluateFactsRequest { Facts = { new Fact { Key = "education", Category = "wizard" } } }, As("applicant", "t-any")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
