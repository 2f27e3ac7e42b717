using TalentMesh.Contracts.Common.V1;
using TalentMesh.Evaluation.RuleSets;

namespace TalentMesh.Evaluation.Tests.RuleSets;

public sealed class PreviewTallyTests
{
    [Fact]
    public void ToResponse_MixedChanges_CountsSamplesTransitionsAndBands()
    {
        var tally = new PreviewTally(sampleSize: 1);
        tally.Add("up-gain", 55, Tier.None, 65, Tier.E);
        tally.Add("up-only", 70, Tier.E, 75, Tier.E);
        tally.Add("down-lose", 62, Tier.E, 58, Tier.None);
        tally.Add("same", 40, Tier.None, 40, Tier.None);

        var response = tally.ToResponse("sha256:new", "sha256:old");

        Assert.Equal(4, response.TalentsEvaluated);
        Assert.Equal((2, 1, 1), (response.MovedUp, response.MovedDown, response.Unchanged));
        Assert.Equal((1, 1), (response.GainedTier, response.LostTier));
        Assert.Equal("up-gain", Assert.Single(response.SampleMovedUp).TalentId);
        Assert.Equal("down-lose", Assert.Single(response.SampleLostTier).TalentId);
        Assert.Equal([(Tier.E, Tier.None, 1), (Tier.None, Tier.E, 1)], response.Transitions.Select(t => (t.FromTier, t.ToTier, t.Talents)));
        Assert.Equal([(40.0, 1), (50.0, 1), (60.0, 1), (70.0, 1)], response.PreviewedScores.Select(b => (b.MinPoints, b.Talents)));
        Assert.Equal([(40.0, 1), (50.0, 1), (60.0, 1), (70.0, 1)], response.CurrentScores.Select(b => (b.MinPoints, b.Talents)));
    }
}
