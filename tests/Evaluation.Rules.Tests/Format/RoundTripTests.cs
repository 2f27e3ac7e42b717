using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Format;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone)]
    [InlineData(ShippedRuleSets.SkilledMigration)]
    public void Write_ShippedRuleSet_ReadsBackToTheSameCanonicalForm(string name)
    {
        var original = RuleSetLoader.Parse(ShippedRuleSets.Json(name));

        var written = RuleSetWriter.Write(original);
        var reread = RuleSetLoader.Parse(written);

        Assert.Equal(written, RuleSetWriter.Write(reread));
        Assert.Equal(ContentHash.Of(original), ContentHash.Of(reread));
        SameScores.Check(RuleSetCompiler.Compile(original), RuleSetCompiler.Compile(reread), new Random(name.Length), applicants: 200);
    }

    [Fact]
    public void ContentHash_FormattingCommentsAndDefaults_DoNotChangeIt()
    {
        var original = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);
        var reformatted = original.Replace("\"_comment\"", "\"_note\"").Replace("\n", "\n  // a comment\n")
            .Replace("\"pointsEach\": 5, \"cap\": 20", "\"pointsEach\": 5.00, \"per\": 1, \"missing\": \"skip\", \"cap\": 20");
        Assert.Contains("\"pointsEach\": 5.00, \"per\": 1", reformatted, StringComparison.Ordinal); // the defaults really changed

        Assert.Equal(ContentHash.Of(RuleSetLoader.Parse(original)), ContentHash.Of(RuleSetLoader.Parse(reformatted)));
    }

    [Fact]
    public void ContentHash_ChangedPoints_ChangesIt()
    {
        var original = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);
        var changed = original.Replace("\"pointsEach\": 5, \"cap\": 20", "\"pointsEach\": 6, \"cap\": 20");

        // The change breaks a worked example, so read it without running them: only the hash is under test.
        Assert.NotEqual(ContentHash.Of(RuleSetLoader.Parse(original)), ContentHash.Of(RuleSetLoader.TryParse(changed, checkExamples: false).RuleSet!));
    }

    [Fact]
    public void ContentHash_IsLowercaseSha256Hex()
    {
        var hash = ShippedRuleSets.Compile(ShippedRuleSets.SkilledMigration).ContentHash;

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }
}
