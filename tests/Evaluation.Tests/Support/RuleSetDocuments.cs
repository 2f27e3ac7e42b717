using TalentMesh.Evaluation.Rules;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>Variants of the shipped default, each a different content hash.</summary>
public static class RuleSetDocuments
{
    public static string Default => ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);

    /// <summary>The default with a doctorate worth <paramref name="points"/> instead of 25.</summary>
    public static string DoctorWorth(int points, string version) =>
        Default.Replace("\"doctor\": 25", $"\"doctor\": {points}", StringComparison.Ordinal)
            .Replace("\"version\": \"2025.1\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);
}
