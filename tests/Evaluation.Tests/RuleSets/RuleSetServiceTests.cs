using Google.Rpc;
using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Scores;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using static TalentMesh.Evaluation.Tests.Support.TalentEvents;

namespace TalentMesh.Evaluation.Tests.RuleSets;

public sealed class RuleSetServiceTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    private DateOnly Today => DateOnly.FromDateTime(Host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private async Task DoctorAsync(string talentId)
    {
        await PublishAsync(Registered(talentId, Today.AddYears(-40), Host.Time.GetUtcNow()));
        await PublishAsync(Verified(talentId, $"{talentId}-degree", Degree(EducationLevel.Doctor, new DateOnly(2000, 7, 1)), Host.Time.GetUtcNow().AddMinutes(1)));
        await WaitForEvaluationAsync(talentId, e => e.TotalPoints == 35, "age 40 (10) and a doctorate (25)");
    }

    private async Task<Rollout> PublishAndRollOutAsync(string document)
    {
        var preview = await RuleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = document }, Admin);
        await RuleSets.PublishRuleSetAsync(new PublishRuleSetRequest { Document = document, ExpectedHash = preview.Hash, IdempotencyKey = Guid.NewGuid().ToString() }, Admin);
        Rollout? rollout = null;
        await Eventually.TrueAsync(async () => (rollout = await RuleSets.GetRolloutAsync(new GetRolloutRequest { Hash = preview.Hash }, Admin)).State == RolloutState.Completed,
            Deadline, "the rollout completes");
        return rollout!;
    }

    [Fact]
    public async Task GetRuleSet_FreshStart_DefaultActiveWithTheCliHash()
    {
        var active = await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, ServiceHost<Program>.Call());

        // `rules validate high-tech-zone` prints "sha256:" + ContentHash.Of(the parsed rule set).
        Assert.Equal("sha256:" + Rules.Format.ContentHash.Of(RuleSetLoader.Parse(RuleSetDocuments.Default)), active.Hash);
        Assert.Equal(RuleSetStatus.Active, active.Status);
        Assert.Equal("high-tech-zone", active.RuleSetId);
        Assert.Equal(RuleSetDocuments.Default, active.Document);
        var list = await RuleSets.ListRuleSetsAsync(new ListRuleSetsRequest(), ServiceHost<Program>.Call());
        Assert.Equal(active.Hash, Assert.Single(list.RuleSets).Hash);
    }

    [Fact]
    public async Task ValidateRuleSet_BrokenDocument_EngineErrorsAsFieldViolations()
    {
        var broken = RuleSetDocuments.Default.Replace("\"pointsEach\": 5, \"cap\": 20", "\"pointsEach\": \"five\", \"cap\": 20", StringComparison.Ordinal)
            .Replace("{ \"id\": \"E\",", "{ \"id\": \"F\",", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = broken }, Admin));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Contains(violations, v => v.Field.StartsWith("document.rules[", StringComparison.Ordinal) && v.Description.Contains("invention_patents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateRuleSet_WorkedExampleNoLongerHolds_RefusedNamingTheExample()
    {
        var document = RuleSetDocuments.DoctorWorth(30, "examples", keepExamples: true);

        var validate = await Assert.ThrowsAsync<RpcException>(async () => await RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = document }, Admin));
        var publish = await Assert.ThrowsAsync<RpcException>(async () => await RuleSets.PublishRuleSetAsync(
            new PublishRuleSetRequest { Document = document, ExpectedHash = "sha256:" + new string('0', 64) }, Admin));

        Assert.Equal(StatusCode.InvalidArgument, validate.StatusCode);
        Assert.Contains(validate.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field.StartsWith("document.examples[", StringComparison.Ordinal));
        Assert.Equal(StatusCode.InvalidArgument, publish.StatusCode);
    }

    [Fact]
    public async Task PreviewRuleSet_DoctorWorthMore_MovesDoctorsUpAndChangesNothing()
    {
        await DoctorAsync("t-preview");
        var candidate = RuleSetDocuments.DoctorWorth(35, "preview");

        var preview = await RuleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = candidate }, Admin);

        Assert.Equal(1, preview.TalentsEvaluated);
        Assert.Equal(1, preview.MovedUp);
        Assert.Equal("t-preview", Assert.Single(preview.SampleMovedUp).TalentId);
        Assert.Contains(preview.PreviewedScores, b => b.MinPoints == 40 && b.Talents == 1);
        var active = await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, Admin);
        Assert.NotEqual(preview.Hash, active.Hash);
        Assert.Equal(35, (await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-preview" }, Hr)).TotalPoints);
    }

    [Fact]
    public async Task PublishRuleSet_EffectiveTomorrow_ActivatesWhenTheClockGetsThere()
    {
        await DoctorAsync("t-scheduled");
        var document = RuleSetDocuments.DoctorWorth(30, "scheduled");
        var hash = (await RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = document }, Admin)).Hash;

        var published = await RuleSets.PublishRuleSetAsync(new PublishRuleSetRequest
        {
            Document = document, ExpectedHash = hash, IdempotencyKey = "scheduled-1",
            EffectiveFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Host.Time.GetUtcNow().AddDays(1)),
        }, Admin);

        Assert.Equal(RuleSetStatus.Scheduled, published.Status);
        Assert.NotEqual(hash, (await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, Admin)).Hash);
        Host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2));
        await WaitForEvaluationAsync("t-scheduled", e => e.RuleSetHash == hash && e.TotalPoints == 40, "the scheduled rule set takes effect and re-evaluates");
        Assert.Equal(RuleSetStatus.Active, (await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, Admin)).Status);
        Assert.Equal(hash, (await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, Admin)).Hash);
    }

    [Fact]
    public async Task PublishRuleSet_HashNotPreviewed_FailedPrecondition()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await RuleSets.PublishRuleSetAsync(new PublishRuleSetRequest
        {
            Document = RuleSetDocuments.DoctorWorth(30, "x"), ExpectedHash = "sha256:" + new string('0', 64),
        }, Admin));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task History_AfterTwoRuleSetChanges_EveryEvaluationReplaysIdentically()
    {
        await DoctorAsync("t-replay");

        var second = await PublishAndRollOutAsync(RuleSetDocuments.DoctorWorth(30, "2025.2"));
        var third = await PublishAndRollOutAsync(RuleSetDocuments.DoctorWorth(35, "2025.3"));

        Assert.Equal(1, second.Changed);
        Assert.Equal(1, third.Changed);
        var history = await HistoryAsync("t-replay");
        Assert.Equal([third.Hash, second.Hash], history.Evaluations.Take(2).Select(e => e.RuleSetHash));
        Assert.Equal([45.0, 40.0], history.Evaluations.Take(2).Select(e => e.TotalPoints));
        var store = Host.Services.GetRequiredService<RuleSetStore>();
        foreach (var stored in history.Evaluations)
        {
            var replayed = EvaluationCalculator.Replay((await store.ByHashAsync(stored.RuleSetHash))!, stored);
            Assert.Equal(stored.TotalPoints, (double)replayed.Total);
            Assert.Equal(stored.Tier, TierMapping.TierOf(replayed));
            var explained = await Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = "t-replay", EvaluationSequence = stored.EvaluationSequence }, Hr);
            Assert.Equal(stored.TotalPoints, explained.TotalPoints);
            Assert.Equal(stored.RuleSetHash, explained.RuleSetHash);
        }
        var published = (await EvaluatedAsync("t-replay")).Where(e => e.Trigger == EvaluationTrigger.RuleSetPublished).ToList();
        Assert.Equal([second.Hash, third.Hash], published.Select(e => e.RuleSetHash));
    }
}
