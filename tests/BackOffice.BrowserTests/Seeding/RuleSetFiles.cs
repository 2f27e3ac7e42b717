using System.Text;
using System.Text.Json.Nodes;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.BackOffice.BrowserTests.Seeding;

/// <summary>Rule-set files an administrator would upload, made from the shipped default scheme.</summary>
public static class RuleSetFiles
{
    /// <summary>
    /// The default scheme with tier E at <paramref name="tierEPoints"/> points instead of 60 and a version of its own
    /// (so its hash is new). Its worked examples expect the old threshold, so they are left out.
    /// </summary>
    public static byte[] DefaultWithTierEAt(int tierEPoints, string version)
    {
        var path = Path.Combine(ServiceBuildOutput.RepositoryRoot, "services", "Evaluation.Rules", "RuleSets", "high-tech-zone.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        document["version"] = version;
        document.Remove("examples");
        document.Remove("_examples");
        document.Remove("$schema");
        foreach (var tier in document["tiers"]!.AsArray())
        {
            if ((string?)tier!["id"] == "E")
                tier["minPoints"] = tierEPoints;
        }
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    /// <summary>A document the engine refuses: a rule whose points are not a number and a tier the zone does not award.</summary>
    public static byte[] Broken() => Encoding.UTF8.GetBytes("""
        {
          "format": "talentmesh.rules/v1",
          "id": "broken",
          "version": "1",
          "labels": { "zh": "坏", "en": "Broken" },
          "facts": [ { "name": "age", "type": "integer", "min": 16, "max": 100 } ],
          "rules": [ { "id": "age_points", "fact": "age", "points": "many" } ],
          "tiers": [ { "id": "Z", "minPoints": 10 } ]
        }
        """);
}
