using Grpc.Core;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>
/// The whole 人才码 workflow against a running Development mesh, one printed step after another. Each step checks the
/// state it should reach (waiting with a deadline where an event has to travel first) and the run fails at the first
/// step that does not.
/// </summary>
public sealed partial class DemoScript(Session session, TimeSpan deadline)
{
    private readonly Caller hr = Caller.For(Caller.Hr, "hr-demo");
    private readonly Caller officer = Caller.For(Caller.PolicyOfficer, "officer-demo");
    private readonly Caller scanner = Caller.For(Caller.Scanner, "scanner-demo");
    private readonly Poll poll = new(deadline, session.CancellationToken);
    private readonly Dictionary<string, List<Credential>> submitted = [];
    private readonly Dictionary<string, TalentWatch> talentWatches = [];
    private IAnsiConsole Console => session.Console;
    private Mesh Mesh => session.Mesh;
    private int step;
    private string run = "";

    public async Task<int> RunAsync()
    {
        run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        var cast = DemoCast.Create(run, DateOnly.FromDateTime(DateTime.UtcNow), new Random());
        Console.Write(new Rule($"[bold]TalentMesh demo[/] — run {run}").LeftJustified());
        Console.MarkupLineInterpolated($"registration {Mesh.Addresses.Registration.Grpc}, evaluation {Mesh.Addresses.Evaluation.Grpc}, redemption {Mesh.Addresses.Redemption.Grpc}; event-driven results are awaited for at most {deadline.TotalSeconds:0} s each.");
        try
        {
            await RegisterAsync(cast);
            await SubmitAsync(cast);
            await ReviewAsync(cast);
            var tiers = await ScoresAsync(cast);
            await CodesAsync(cast, tiers);
            var policy = await PublishPolicyAsync(cast, tiers);
            await NotificationsAsync(cast, tiers, policy.PolicyId);
            var redemption = await RedeemAsync(cast[0], policy.PolicyId);
            redemption = await ApproveAsync(redemption);
            await DisburseAsync(cast[0], redemption);
        }
        catch (DemoFailure failure)
        {
            Console.MarkupLineInterpolated($"[red bold]✗ step {step} failed:[/] {failure.Message}");
            return ExitCodes.Failed;
        }
        catch (RpcException error)
        {
            Console.MarkupLineInterpolated($"[red bold]✗ step {step} failed:[/] a call was refused");
            RpcErrors.Render(Console, error);
            return ExitCodes.Failed;
        }
        finally
        {
            foreach (var watch in talentWatches.Values)
                watch.Dispose();
        }
        Console.Write(new Rule("[green bold]✓ every step reached its expected state[/]").LeftJustified());
        return ExitCodes.Ok;
    }

    private void Step(string title)
    {
        step++;
        Console.WriteLine();
        Console.Write(new Rule($"[bold yellow]{step}. {Markup.Escape(title)}[/]").LeftJustified());
    }

    private void Ok(string text) => Console.MarkupLineInterpolated($"[green]✓[/] {text}");

    private void Note(string text) => Console.MarkupLineInterpolated($"[grey]{text}[/]");

    private static void Expect(bool condition, string expectation)
    {
        if (!condition)
            throw new DemoFailure(expectation);
    }

    private Task<CallOptions> Call(MeshService service, Caller caller) => Mesh.CallAsync(service, caller, session.CancellationToken);

    private Task<CallOptions> AsApplicant(MeshService service, DemoTalent talent) => Call(service, Caller.For(Caller.Applicant, talent.TalentId));
}
