using Grpc.Core;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.Cli.RuleSets;

/// <summary>
/// Follows GetRollout with a live progress bar until the re-evaluation of every talent has completed (or a later
/// rule set superseded it). The rollout appears once the rule set takes effect; until then the bar waits.
/// </summary>
public static class RolloutProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    public static async Task<Rollout?> FollowAsync(Session session, string hash)
    {
        Rollout? rollout = null;
        await session.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("re-evaluating every talent", maxValue: 1);
                var waitingSince = DateTime.UtcNow;
                while (true)
                {
                    rollout = await TryGetAsync(session, hash);
                    if (rollout is null)
                    {
                        if (DateTime.UtcNow - waitingSince > StartDeadline)
                            return;
                    }
                    else
                    {
                        task.MaxValue = Math.Max(rollout.Total, 1);
                        task.Value = rollout.State == RolloutState.Running ? rollout.Done : task.MaxValue;
                        task.Description = $"re-evaluating {rollout.Total} talents ({rollout.Changed} changed)";
                        if (rollout.State != RolloutState.Running)
                            return;
                    }
                    await Task.Delay(PollInterval, session.CancellationToken);
                }
            });
        return rollout;
    }

    public static void Render(IAnsiConsole console, Rollout rollout) =>
        console.MarkupLineInterpolated(
            $"rollout [bold]{Display.Kebab(rollout.State)}[/]: {rollout.Done}/{rollout.Total} talents evaluated, {rollout.Changed} changed; started {Display.Of(rollout.StartedAt)}, completed {Display.Of(rollout.CompletedAt)}");

    private static async Task<Rollout?> TryGetAsync(Session session, string hash)
    {
        try
        {
            return await session.Mesh.RuleSets.GetRolloutAsync(new GetRolloutRequest { Hash = hash }, await session.Evaluation());
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return null;
        }
    }
}
