using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class TraceTests
{
    private static readonly string Rules = $$"""
        { "id": "g", "kind": "group", {{Mini.L}}, "when": { "fact": "b", "equals": true },
          "source": { "document": "Scheme 2025", "article": "Art. 3", "url": "https://example.org/scheme#3" }, "items": [
          { "id": "pick", "kind": "choose", {{Mini.L}}, "cases": [
            { "when": { "fact": "c", "equals": "x" }, "rule": { "id": "on_i", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1 } } ],
            "otherwise": { "id": "on_n", "kind": "count", {{Mini.L}}, "fact": "n", "pointsEach": 1, "source": "Annex B" } },
          { "id": "young", "kind": "bonus", {{Mini.L}}, "when": { "fact": "i", "max": 5 }, "points": 3 } ] }
        """;

    [Fact]
    public void Trace_RuleInsideGroupAndChoose_ListsTheFactsThatSelectedIt()
    {
        var result = Mini.Compile(Rules).Eval("""{ "b": true, "c": "x", "i": 7, "n": 2 }""");

        var entry = result.Trace.Single(e => e.RuleId == "on_i");
        Assert.Equal(NodeStatus.Fired, entry.Status);
        Assert.Equal([("b", "true"), ("c", "x")], entry.SelectedBy.Select(f => (f.Fact, f.Value!)));
        Assert.DoesNotContain(result.Trace, e => e.RuleId == "on_n"); // the branch not taken was never looked at
    }

    [Fact]
    public void Trace_RuleSwitchedOffByItsOwnCondition_AppearsAsNotApplicableWithTheCondition()
    {
        var result = Mini.Compile(Rules).Eval("""{ "b": true, "c": "x", "i": 7 }""");

        var young = result.Trace.Single(e => e.RuleId == "young");
        Assert.Equal((NodeStatus.NotApplicable, "i < 5", 0m), (young.Status, young.Condition, young.Points));
        Assert.DoesNotContain(result.Breakdown, e => e.RuleId == "young");
    }

    [Fact]
    public void Trace_GroupSwitchedOff_AppearsItselfButNotItsInsides()
    {
        var result = Mini.Compile(Rules).Eval("""{ "b": false, "i": 7 }""");

        Assert.Equal(["g"], result.Trace.Select(e => e.RuleId));
        Assert.Equal((NodeStatus.NotApplicable, "b = true"), (result.Trace[0].Status, result.Trace[0].Condition));
    }

    [Fact]
    public void Breakdown_Sources_AreTheRulesOwnOrTheNearestGroups()
    {
        var ruleSet = Mini.Compile(Rules);

        var viaGroup = ruleSet.Eval("""{ "b": true, "c": "x", "i": 2 }""").Breakdown.Single(e => e.RuleId == "on_i");
        var own = ruleSet.Eval("""{ "b": true, "c": "y", "n": 2 }""").Breakdown.Single(e => e.RuleId == "on_n");

        Assert.Equal(new("Scheme 2025", "Art. 3", "https://example.org/scheme#3"), viaGroup.Source);
        Assert.Equal(new("Annex B", null, null), own.Source);
    }

    [Fact]
    public void Trace_MissingFact_AppearsAsMissing()
    {
        var result = Mini.Compile(Rules).Eval("""{ "b": true, "c": "x" }""");

        Assert.Equal(NodeStatus.Missing, result.Trace.Single(e => e.RuleId == "on_i").Status);
        Assert.Equal(["i"], result.NotProvidedFacts);
    }

    [Fact]
    public void Source_InvalidUrl_IsAnError()
    {
        var (_, errors) = RuleSetLoader.TryParse(Mini.Json(Rules.Replace("https://example.org/scheme#3", "not a link")));

        Assert.Contains(errors, e => e.Path == "$.rules[0].source.url" && e.Message.Contains("not an absolute URL", StringComparison.Ordinal));
    }
}
