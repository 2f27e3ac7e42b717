namespace TalentMesh.BackOffice.RuleSets;

/// <summary>
/// One of ValidateRuleSet's field violations, split the way the engine writes it: the field is
/// <c>document.&lt;JSON path&gt;</c> and the text <c>&lt;rule or fact&gt;: &lt;message&gt;</c>.
/// </summary>
public sealed record RuleSetViolation(string Subject, string Path, string Message)
{
    public static IReadOnlyList<RuleSetViolation> From(IReadOnlyDictionary<string, string> fieldViolations) =>
        fieldViolations
            .Select(pair => Split(pair.Key, pair.Value))
            .OrderBy(violation => violation.Subject, StringComparer.Ordinal)
            .ThenBy(violation => violation.Path, StringComparer.Ordinal)
            .ToList();

    private static RuleSetViolation Split(string field, string text)
    {
        var path = field.StartsWith("document", StringComparison.Ordinal) ? "$" + field["document".Length..].TrimStart() : field;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? new(text[..colon], path, text[(colon + 2)..]) : new("", path, text);
    }
}
