using TalentMesh.Evaluation.Rules;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>Variants of the shipped default, each a different content hash.</summary>
public static class RuleSetDocuments
{
    public static string Default => ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);

    /// <summary>
    /// The default with a doctorate worth <paramref name="points"/> instead of 25, without the default's worked
    /// examples (which expect 25) unless <paramref name="keepExamples"/>: then the examples fail.
    /// </summary>
    public static string DoctorWorth(int points, string version, bool keepExamples = false) =>
        (keepExamples ? Default : WithoutExamples(Default)).Replace("\"doctor\": 25", $"\"doctor\": {points}", StringComparison.Ordinal)
            .Replace("\"version\": \"2025.1\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);

    public static string WithoutExamples(string document)
    {
        var start = document.IndexOf(",\n  \"examples\": [", StringComparison.Ordinal);
        return start < 0 ? document : document[..start] + "\n}\n";
    }
}
