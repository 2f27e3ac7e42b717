using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Scheduling;
using TalentMesh.Evaluation.Scores;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.Evaluation.Tests.Scheduling;

public sealed class BoundaryFinderTests
{
    private static readonly TimeSpan Zone = TimeSpan.FromHours(8);
    private static readonly LoadedRuleSet Default = Load();

    private static LoadedRuleSet Load()
    {
        var compiled = ShippedRuleSets.Compile(ShippedRuleSets.HighTechZone);
        return new LoadedRuleSet(LoadedRuleSet.HashOf(compiled), compiled);
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Zone);

    [Fact]
    public void Next_ThirtyYearOld_IsTheThirtyFirstBirthday()
    {
        var today = new DateOnly(2026, 3, 1);
        var talent = TalentFacts.Empty("t").WithRegistration(new RegistrationRecord(new DateOnly(1995, 9, 20), false, DateTimeOffset.UnixEpoch))!;
        var now = StartOf(today).AddHours(10);
        var current = EvaluationCalculator.Next(Default, FactDerivation.Derive(talent, today), null, EvaluationTrigger.Registration, now, 36)!.Record;

        var next = BoundaryFinder.Next(Default, talent, current, StartOf, today, 3);

        // Age 30 earns 15, 31 earns 10: the 31st birthday changes the result; no earlier day does.
        Assert.Equal(StartOf(new DateOnly(2026, 9, 20)), next);
    }

    [Fact]
    public void Next_NothingMovesAndNoTier_IsNull()
    {
        var today = new DateOnly(2026, 3, 1);
        var talent = TalentFacts.Empty("t");
        var current = EvaluationCalculator.Next(Default, FactDerivation.Derive(talent, today), null, EvaluationTrigger.Registration, StartOf(today), 36)!.Record;

        Assert.Null(BoundaryFinder.Next(Default, talent, current, StartOf, today, 3));
    }
}
