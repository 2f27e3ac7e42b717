using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Hypothetical facts under the rule set in force, a published one or a candidate document. Dated base facts become
/// their time-moving facts as of today, exactly as for a talent; a vocabulary fact given directly wins. Stores nothing.
/// </summary>
public sealed class WhatIf(RuleSetStore ruleSets, IOptions<EvaluationOptions> options, TimeProvider time)
{
    private const int MaxFacts = 200;

    public async Task<Score> EvaluateAsync(EvaluateFactsRequest request)
    {
        var violations = new List<FieldViolation>();
        if (request.Facts.Count > MaxFacts)
            violations.Add(new FieldViolation("facts", $"at most {MaxFacts} facts"));
        if (request.RuleSetHash.Length > 0 && request.Document.Length > 0)
            violations.Add(new FieldViolation("document", "give either rule_set_hash or document, not both"));
        var given = new List<NamedFact>();
        for (var i = 0; i < Math.Min(request.Facts.Count, MaxFacts); i++)
        {
            var fact = request.Facts[i];
            if (string.IsNullOrWhiteSpace(fact.Key) || fact.Key.Length > 100)
                violations.Add(new FieldViolation($"facts[{i}].key", "a fact name from docs/facts.md is required"));
            else if (EngineFacts.FromProto(fact, []) is { } named)
                given.Add(named);
            else
                violations.Add(new FieldViolation($"facts[{i}]", $"fact '{fact.Key}' has no value (or an impossible one)"));
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        var ruleSet = request.Document.Length > 0 ? RuleSetDocument.Compile(request.Document)
            : request.RuleSetHash.Length > 0 ? await ruleSets.ByHashAsync(request.RuleSetHash)
                ?? throw new ValidationFailedException([new FieldViolation("rule_set_hash", "no published rule set has this hash")])
            : await ruleSets.ActiveAsync();
        var facts = WithTimeMovingFacts(given);
        var refused = new List<string>();
        var factSet = EngineFacts.ToFactSet(ruleSet.Compiled, facts, refused);
        if (refused.Count > 0)
            throw new ValidationFailedException(refused.Select(r => new FieldViolation("facts", r)).ToList());
        return ScoreViews.Score(ruleSet, ruleSet.Compiled.Evaluate(factSet), factSet);
    }

    private List<NamedFact> WithTimeMovingFacts(List<NamedFact> given)
    {
        var today = options.Value.LocalDate(time.GetUtcNow());
        var byName = given.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.Last());
        void Add(string name, decimal value)
        {
            if (!byName.ContainsKey(name))
                byName[name] = new NamedFact(name, FactValue.Of(value), []);
        }
        if (byName.GetValueOrDefault(FactNames.BirthDate)?.Value.Date is { } born)
            Add(FactNames.Age, Math.Max(0, FactDerivation.FullYears(born, today)));
        if (byName.GetValueOrDefault(FactNames.GraduationDate)?.Value.Date is { } graduated)
            Add(FactNames.YearsSinceGraduation, Math.Max(0, FactDerivation.FullMonths(graduated, today) / 6) / 2m);
        if (byName.GetValueOrDefault(FactNames.SocialInsuranceAsOf)?.Value.Date is { } asOf
            && byName.GetValueOrDefault(FactNames.SocialInsuranceMonths)?.Value.Number is { } months)
            byName[FactNames.SocialInsuranceMonths] = new NamedFact(FactNames.SocialInsuranceMonths, FactValue.Of(months + Math.Max(0, FactDerivation.FullMonths(asOf, today))), []);
        return byName.Values.ToList();
    }
}
