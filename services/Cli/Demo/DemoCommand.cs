using System.CommandLine;
using TalentMesh.Cli.Connection;

namespace TalentMesh.Cli.Demo;

/// <summary><c>talentmesh demo</c>: the whole workflow against the running Development mesh; exit code 0 only if every step reached its state.</summary>
public static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var deadline = new Option<int>("--deadline-seconds") { Description = "How long to await each event-driven result", DefaultValueFactory = _ => 30 };
        return cli.Command("demo", "Walk the whole workflow: register → credentials → HR review → scores → codes → policy → notifications → redemption → approvals → disbursement.",
            Caller.Admin, (session, parsed) => new DemoScript(session, TimeSpan.FromSeconds(parsed.GetValue(deadline))).RunAsync(), deadline);
    }
}
