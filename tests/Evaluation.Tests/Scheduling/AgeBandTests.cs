using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.Testing;
using static TalentMesh.Evaluation.Tests.Support.TalentEvents;

namespace TalentMesh.Evaluation.Tests.Scheduling;

/// <summary>The service's clock moves past a birthday: the talent leaves an age band and is re-evaluated, nobody else is scanned.</summary>
public sealed class AgeBandTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Evaluation:SchedulerInterval"] = "00:01:00";

    [Fact]
    public async Task Scheduler_ClockPassesThirtyFirstBirthday_ReevaluatesWithLowerAgePoints()
    {
        var today = DateOnly.FromDateTime(Host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        // Turns 31 in three days: the age band drops from 15 to 10 points.
        await PublishAsync(Registered("t-age", today.AddDays(3).AddYears(-31), Host.Time.GetUtcNow()));
        // Tier-less, the registration's evaluation is stored but not published (docs/evaluation.md, "Published").
        var first = await WaitForStoredEvaluationAsync("t-age", _ => true, "the registration is evaluated");
        Assert.Equal(15, first.TotalPoints);
        Assert.False(first.Published);

        Host.Time.Advance(TimeSpan.FromDays(4));

        var scheduled = await WaitForEvaluationAsync("t-age", e => e.Trigger == EvaluationTrigger.Scheduled, "the birthday re-evaluates the talent");
        Assert.Equal(10, scheduled.TotalPoints);
        Assert.Equal(first.EvaluationSequence + 1, scheduled.EvaluationSequence);
        var score = await Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-age" }, Hr);
        Assert.Contains(score.Breakdown, r => r.RuleId == "age" && r.Points == 10);
    }
}
