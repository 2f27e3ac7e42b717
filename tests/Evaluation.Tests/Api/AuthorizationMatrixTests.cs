using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Evaluation.Tests.Api;

/// <summary>Every Evaluation RPC, called by every role and anonymously, against the roles docs/contracts.md lists.</summary>
public sealed class AuthorizationMatrixTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    [Fact]
    public async Task EveryRpc_EveryRoleAndAnonymous_AllowedExactlyAsDocumented()
    {
        var table = ContractsTable.Read("Evaluation");
        var calls = Calls();
        Assert.Equal(table.Keys.Order(), calls.Keys.Order());

        var mismatches = new List<string>();
        foreach (var (rpc, allowed) in table)
        {
            foreach (var role in Roles.All.Append(ContractsTable.Anonymous))
            {
                var options = role == ContractsTable.Anonymous ? ServiceHost<Program>.Call() : As(role, "subject-" + role);
                var status = await StatusOf(() => calls[rpc](options));
                var denied = status is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                if (denied == (allowed.Contains(role) || allowed.Contains(ContractsTable.Anonymous)))
                    mismatches.Add($"{rpc} as {role}: {status}");
            }
        }
        Assert.Empty(mismatches);
    }

    /// <summary>Each RPC with an empty (or harmless) request: authorization runs before validation, so the status tells allow from deny.</summary>
    private Dictionary<string, Func<CallOptions, Task>> Calls() => new()
    {
        ["ScoreService.GetScore"] = async o => await Scores.GetScoreAsync(new(), o),
        ["ScoreService.ExplainScore"] = async o => await Scores.ExplainScoreAsync(new(), o),
        ["ScoreService.GetEvaluationHistory"] = async o => await Scores.GetEvaluationHistoryAsync(new(), o),
        ["ScoreService.GetTierDistribution"] = async o => await Scores.GetTierDistributionAsync(new(), o),
        ["ScoreService.EvaluateFacts"] = async o => await Scores.EvaluateFactsAsync(new(), o),
        ["RuleSetService.ListRuleSets"] = async o => await RuleSets.ListRuleSetsAsync(new(), o),
        ["RuleSetService.GetRuleSet"] = async o => await RuleSets.GetRuleSetAsync(new(), o),
        ["RuleSetService.ValidateRuleSet"] = async o => await RuleSets.ValidateRuleSetAsync(new(), o),
        ["RuleSetService.PreviewRuleSet"] = async o => await RuleSets.PreviewRuleSetAsync(new(), o),
        ["RuleSetService.PublishRuleSet"] = async o => await RuleSets.PublishRuleSetAsync(new(), o),
        ["RuleSetService.GetRollout"] = async o => await RuleSets.GetRolloutAsync(new(), o),
    };

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException failure)
        {
            return failure.StatusCode;
        }
    }
}
