using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

/// <summary>Builds small rule sets from JSON fragments so that each test shows only the construct it exercises.</summary>
internal static class Mini
{
    public const string L = "\"labels\": { \"zh\": \"测试\", \"en\": \"test\" }";

    public const string Facts = $$"""
        { "name": "n", "type": "number", "min": 0, "max": 100 },
        { "name": "i", "type": "integer", "min": 0, "max": 100 },
        { "name": "b", "type": "boolean" },
        { "name": "b2", "type": "boolean" },
        { "name": "c", "type": "category", "values": ["x", "y", "z"], "persons": ["spouse"] }
        """;

    public const string Tiers = $$"""{ "id": "T", {{L}}, "minPoints": 1 }""";

    public static string Json(string rules, string? tiers = null, string extra = "", string facts = Facts) => $$"""
        { "id": "mini", "version": "1", {{L}}, "facts": [ {{facts}} ], "rules": [ {{rules}} ],
          "tiers": [ {{tiers ?? Tiers}} ] {{extra}} }
        """;

    public static CompiledRuleSet Compile(string rules, string? tiers = null, string extra = "", string facts = Facts) =>
        RuleSetLoader.Compile(Json(rules, tiers, extra, facts));

    public static EvaluationResult Eval(this CompiledRuleSet ruleSet, string facts) =>
        ruleSet.Evaluate(FactsJson.Read(ruleSet, facts));
}
