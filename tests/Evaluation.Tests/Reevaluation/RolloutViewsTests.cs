using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Reevaluation;

namespace TalentMesh.Evaluation.Tests.Reevaluation;

public sealed class RolloutViewsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void View_QuarterDoneAfterTenSeconds_EstimatesThirtyMore()
    {
        var progress = new RolloutProgress("sha256:new", "sha256:old", RolloutPhase.Running, 1000, 250, 40, Start, null, "t250");

        var view = RolloutViews.View(progress, Start.AddSeconds(10));

        Assert.Equal(RolloutState.Running, view.State);
        Assert.Equal((1000, 250, 40), (view.Total, view.Done, view.Changed));
        Assert.Equal(Start.AddSeconds(40), view.EstimatedEnd.ToDateTimeOffset());
    }

    [Fact]
    public void View_Completed_NoEstimate()
    {
        var progress = new RolloutProgress("sha256:new", "", RolloutPhase.Completed, 10, 10, 3, Start, Start.AddSeconds(2), "t9");

        var view = RolloutViews.View(progress, Start.AddSeconds(5));

        Assert.Equal(RolloutState.Completed, view.State);
        Assert.Null(view.EstimatedEnd);
        Assert.Equal(Start.AddSeconds(2), view.CompletedAt.ToDateTimeOffset());
    }
}
