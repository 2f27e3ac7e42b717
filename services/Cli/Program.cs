using Spectre.Console;
using TalentMesh.Cli;

return await TalentMeshCli.RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable);
