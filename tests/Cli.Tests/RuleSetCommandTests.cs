extern alias EvaluationService;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using TalentMesh.Testing;
using EvaluationProgram = EvaluationService::Program;

namespace TalentMesh.Cli.Tests;

/// <summary>Rule sets against an Evaluation service of their own: publishing changes the rule set in force mesh-wide.</summary>
public sealed class RuleSetCommandTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly string Shipped = Path.Combine(RepositoryRoot(), "services", "Evaluation.Rules", "RuleSets", "high-tech-zone.json");
    private ServiceHost<EvaluationProgram> evaluation = null!;
    private Dictionary<string, string> environment = null!;

    public async ValueTask InitializeAsync()
    {
        evaluation = await ServiceHost<EvaluationProgram>.StartAsync(redis.ConnectionString, TestKeys.Prefix("rulesets"),
            settings => settings["Logging:LogLevel:Default"] = "Warning");
        environment = new()
        {
            ["TALENTMESH_EVALUATION_GRPC"] = evaluation.GrpcAddress.ToString(),
            ["TALENTMESH_EVALUATION_HTTP"] = evaluation.HttpAddress.ToString(),
        };
    }

    public ValueTask DisposeAsync() => evaluation.DisposeAsync();

    [Fact]
    public async Task Validate_TheShippedRuleSet_PrintsItsHashAndTiers()
    {
        var result = await CliRun.RunAsync(environment, "rule-sets", "validate", Shipped);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("✓ valid sha256:", result.Output);
        Assert.Contains("direct recognition only", result.Output);
    }

    [Fact]
    public async Task Validate_ABrokenDocument_RendersEachViolationWithItsPath()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Shipped, TestContext.Current.CancellationToken))
            .Replace("\"tier\": \"A\"", "\"tier\": \"Z\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync(environment, "rule-sets", "validate", broken);

            Assert.Equal(ExitCodes.Failed, result.ExitCode);
            Assert.Contains("INVALID_ARGUMENT", result.Output);
            Assert.Contains("document.", result.Output);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task ListAndShow_PrintTheActiveRuleSet()
    {
        var listed = await CliRun.RunAsync(environment, "rule-sets", "list");
        var shown = await CliRun.RunAsync(environment, "rule-sets", "show", "active");

        Assert.Equal(ExitCodes.Ok, listed.ExitCode);
        Assert.Contains("high-tech-zone", listed.Output);
        Assert.Contains("active", listed.Output);
        Assert.Equal(ExitCodes.Ok, shown.ExitCode);
        Assert.Contains("rules", shown.Output);
    }

    [Fact]
    public async Task PreviewThenPublish_ANewVersion_FollowsTheRolloutToCompletion()
    {
        var candidate = Path.Combine(Path.GetTempPath(), $"candidate-{Guid.NewGuid():N}.json");
        var text = await File.ReadAllTextAsync(Shipped, TestContext.Current.CancellationToken);
        var version = System.Text.RegularExpressions.Regex.Match(text, "\"version\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value;
        await File.WriteAllTextAsync(candidate, text.Replace($"\"{version}\"", $"\"{version}-cli\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var preview = await CliRun.RunAsync(environment, "rule-sets", "preview", candidate);
            var published = await CliRun.RunAsync(environment, "rule-sets", "publish", candidate);

            Assert.Equal(ExitCodes.Ok, preview.ExitCode);
            Assert.Contains("talents evaluated", preview.Output);
            Assert.Equal(ExitCodes.Ok, published.ExitCode);
            Assert.Contains("✓ published", published.Output);
            Assert.Contains("rollout completed", published.Output);
        }
        finally
        {
            File.Delete(candidate);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentMesh.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TalentMesh.sln not found above the test binaries");
    }
}
