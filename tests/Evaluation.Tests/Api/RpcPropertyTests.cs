using CsCheck;
using Grpc.Core;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.Evaluation.Tests.Api;

/// <summary>Random requests, roles and documents against every RPC: never INTERNAL, and a refused call writes nothing.</summary>
public sealed class RpcPropertyTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    private static readonly string[] RolesOrAnonymous = ["applicant", "hr", "policy_officer", "scanner", "admin", ""];
    private static readonly string[] Strings = ["", " ", "t-1", "active", "sha256:" + new string('a', 64), "sha256:xyz", new string('x', 300), "{", "null", "{}", "\u0000", "../etc"];

    [Fact]
    public async Task EveryRpc_RandomRequests_NeverInternalAndNoPartialWrites()
    {
        var documents = new[] { "", "{", "[]", "{}", RuleSetDocuments.Default.Replace("\"tiers\"", "\"tierz\"", StringComparison.Ordinal),
            RuleSetDocuments.Default.Replace("{ \"id\": \"E\",", "{ \"id\": \"Z\",", StringComparison.Ordinal), RuleSetDocuments.DoctorWorth(26, "prop") };
        await Gen.Int.SampleAsync(async seed =>
        {
            var random = new Random(seed);
            string Pick(string[] values) => values[random.Next(values.Length)];
            var role = Pick(RolesOrAnonymous);
            var call = role.Length == 0 ? ServiceHost<Program>.Call() : As(role, Pick(["t-1", "admin-1", ""]) is var s && s.Length > 0 ? s : "u");
            var before = await KeysAsync();
            var (refused, status) = await CallAsync(random.Next(11), random, Pick, documents, call);
            Assert.NotEqual(StatusCode.Internal, status);
            Assert.NotEqual(StatusCode.Unknown, status);
            if (refused)
                Assert.Equal(before, await KeysAsync());
        }, iter: 150, threads: 1);
    }

    private async Task<(bool Refused, StatusCode Status)> CallAsync(int rpc, Random random, Func<string[], string> pick, string[] documents, CallOptions call)
    {
        try
        {
            switch (rpc)
            {
                case 0: await Scores.GetScoreAsync(new GetScoreRequest { TalentId = pick(Strings) }, call); break;
                case 1: await Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = pick(Strings), EvaluationSequence = random.Next(-2, 3) }, call); break;
                case 2: await Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = pick(Strings), PageSize = random.Next(-5, 200), PageToken = pick(Strings) }, call); break;
                case 3:
                    await Scores.EvaluateFactsAsync(new EvaluateFactsRequest
                    {
                        Facts = { new Fact { Key = pick(["age", "education", "x", ""]), Number = random.NextDouble() * 400 - 100 }, new Fact { Key = "education", Category = pick(Strings) } },
                        RuleSetHash = random.Next(3) == 0 ? pick(Strings) : "",
                        Document = random.Next(3) == 0 ? pick(documents) : "",
                    }, call);
                    break;
                case 4: await RuleSets.ListRuleSetsAsync(new ListRuleSetsRequest { PageSize = random.Next(-5, 200), PageToken = pick(Strings) }, call); break;
                case 5: await RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = pick(Strings) }, call); break;
                case 6: await RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = pick(documents) }, call); break;
                case 7: await RuleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = pick(documents), SampleSize = random.Next(-3, 200) }, call); break;
                case 8: await RuleSets.GetRolloutAsync(new GetRolloutRequest { Hash = pick(Strings) }, call); break;
                case 9: await Scores.GetTierDistributionAsync(new GetTierDistributionRequest(), call); break;
                default:
                    // Publishing is refused unless the hash matches: a random hash never does.
                    await RuleSets.PublishRuleSetAsync(new PublishRuleSetRequest { Document = pick(documents), ExpectedHash = pick(Strings), IdempotencyKey = pick(Strings) }, call);
                    return (false, StatusCode.OK);
            }
            return (false, StatusCode.OK);
        }
        catch (RpcException exception)
        {
            return (true, exception.StatusCode);
        }
    }

    /// <summary>The service's keys with their types and sizes: any write would change them.</summary>
    private async Task<string> KeysAsync()
    {
        var server = Redis.Connection.GetServers()[0];
        var database = Redis.Connection.GetDatabase();
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Host.Settings["Redis:KeyPrefix"] + "*"))
        {
            var type = await database.KeyTypeAsync(key);
            var size = type switch
            {
                RedisType.Hash => await database.HashLengthAsync(key),
                RedisType.SortedSet => await database.SortedSetLengthAsync(key),
                RedisType.List => await database.ListLengthAsync(key),
                RedisType.Stream => (await database.StreamInfoAsync(key)).Length,
                _ => 0,
            };
            keys.Add($"{key}:{type}:{size}");
        }
        keys.Sort(StringComparer.Ordinal);
        return string.Join("\n", keys);
    }
}
