using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Scores;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.Testing;
using static TalentMesh.Evaluation.Tests.Support.TalentEvents;

namespace TalentMesh.Evaluation.Tests.Scores;

/// <summary>GetTierDistribution: the per-tier counter moved in each evaluation's unit of work, over the real Program and redis-server.</summary>
public sealed class TierDistributionTests(RedisServerFixture redis) : EvaluationTestBase(redis)
{
    private DateOnly Today => DateOnly.FromDateTime(Host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private DateTimeOffset At(int minutes) => Host.Time.GetUtcNow().AddMinutes(minutes);

    /// <summary>Age 40 (10) + doctorate (25) = 35 points: no tier under the default (E from 60).</summary>
    private async Task DoctorAsync(string talentId)
    {
        await PublishAsync(Registered(talentId, Today.AddYears(-40), At(0)));
        await PublishAsync(Verified(talentId, $"{talentId}-degree", Degree(EducationLevel.Doctor, new DateOnly(2000, 7, 1)), At(1)));
        await WaitForEvaluationAsync(talentId, e => e.TotalPoints == 35, "age 40 and a doctorate");
    }

    private async Task<Dictionary<Tier, int>> DistributionAsync(CallOptions? options = null)
    {
        var distribution = await Scores.GetTierDistributionAsync(new GetTierDistributionRequest(), options ?? Hr);
        Assert.Equal([Tier.A, Tier.B, Tier.C, Tier.D, Tier.E, Tier.None], distribution.Tiers.Select(t => t.Tier));
        Assert.Equal(distribution.Tiers.Sum(t => t.Talents), distribution.Total);
        return distribution.Tiers.ToDictionary(t => t.Tier, t => t.Talents);
    }

    /// <summary>The truth the counter must equal: every talent's stored tier, counted one by one.</summary>
    private async Task<Dictionary<Tier, int>> CountedOneByOneAsync(params string[] talentIds)
    {
        var counts = new[] { Tier.A, Tier.B, Tier.C, Tier.D, Tier.E, Tier.None }.ToDictionary(t => t, _ => 0);
        foreach (var talentId in talentIds)
            counts[(await Scores.GetScoreAsync(new GetScoreRequest { TalentId = talentId }, Hr)).Tier]++;
        return counts;
    }

    [Fact]
    public async Task VerifyThenRevoke_MovesTheTalentBetweenTiers()
    {
        await DoctorAsync("t-a");
        await DoctorAsync("t-b");
        Assert.Equal(2, (await DistributionAsync())[Tier.None]);

        await PublishAsync(Verified("t-a", "t-a-award", Award(AwardLevel.National), At(2)));
        await WaitForEvaluationAsync("t-a", e => e.Tier == Tier.E, "a national award adds 30: 65 points, tier E");
        var afterVerify = await DistributionAsync(As("policy_officer", "officer-1"));

        await PublishAsync(Revoked("t-a", "t-a-award", CredentialType.Award, fraud: false, At(3)));
        await WaitForEvaluationAsync("t-a", e => e.Trigger == EvaluationTrigger.CredentialRevoked, "the revocation is evaluated");
        var afterRevoke = await DistributionAsync(Admin);

        Assert.Equal(1, afterVerify[Tier.E]);
        Assert.Equal(1, afterVerify[Tier.None]);
        Assert.Equal(0, afterRevoke[Tier.E]);
        Assert.Equal(2, afterRevoke[Tier.None]);
        Assert.Equal(await CountedOneByOneAsync("t-a", "t-b"), afterRevoke);
    }

    [Fact]
    public async Task SameEventRedelivered_AndRepeatedUnderANewId_CountedOnce()
    {
        await DoctorAsync("t-dup");
        var verified = Verified("t-dup", "t-dup-award", Award(AwardLevel.National), At(2));

        var id = await PublishAsync(verified);
        await PublishAsync(verified, id);
        var repeated = await PublishAsync(verified);
        await WaitHandledAsync(id);
        await WaitHandledAsync(repeated);

        var counts = await DistributionAsync();
        Assert.Equal(1, counts[Tier.E]);
        Assert.Equal(0, counts[Tier.None]);
        Assert.Equal(await CountedOneByOneAsync("t-dup"), counts);
    }

    [Fact]
    public async Task RuleSetRollout_MovesEveryoneItReevaluates()
    {
        await DoctorAsync("t-r1");
        await DoctorAsync("t-r2");
        var document = RuleSetDocuments.WithoutExamples(RuleSetDocuments.Default)
            .Replace("\"minPoints\": 60", "\"minPoints\": 30", StringComparison.Ordinal)
            .Replace("\"version\": \"2025.1\"", "\"version\": \"tiers-30\"", StringComparison.Ordinal);

        var preview = await RuleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = document }, Admin);
        await RuleSets.PublishRuleSetAsync(new PublishRuleSetRequest { Document = document, ExpectedHash = preview.Hash, IdempotencyKey = Guid.NewGuid().ToString() }, Admin);
        await Eventually.TrueAsync(async () => (await RuleSets.GetRolloutAsync(new GetRolloutRequest { Hash = preview.Hash }, Admin)).State == RolloutState.Completed,
            Deadline, "the rollout completes");

        var counts = await DistributionAsync();
        Assert.Equal(2, counts[Tier.E]);
        Assert.Equal(0, counts[Tier.None]);
        Assert.Equal(await CountedOneByOneAsync("t-r1", "t-r2"), counts);
    }

    [Fact]
    public async Task DataFromBeforeTheCounter_CountedOnceAtStartUp()
    {
        await DoctorAsync("t-old1");
        await DoctorAsync("t-old2");
        await PublishAsync(Verified("t-old1", "t-old1-award", Award(AwardLevel.National), At(2)));
        await WaitForEvaluationAsync("t-old1", e => e.Tier == Tier.E, "tier E");
        var counterKey = Host.Services.GetRequiredService<RedisKeyspace>().Key("tier-counts");
        var database = Redis.Connection.GetDatabase();
        // Before the counter existed there was no key; a commit meanwhile may have created it without "built".
        await database.KeyDeleteAsync(counterKey);
        await database.HashIncrementAsync(counterKey, "E", 7);
        var rebuild = Host.Services.GetServices<IHostedService>().OfType<TierCountRebuild>().Single();

        await rebuild.StartAsync(CancellationToken.None);
        var firstCount = await database.HashGetAllAsync(counterKey);
        await rebuild.StartAsync(CancellationToken.None);
        var counts = await DistributionAsync();

        Assert.Equal(1, (int)firstCount.Single(f => f.Name == "E").Value);
        Assert.Contains(firstCount, f => f.Name == "built");
        Assert.Equal(1, counts[Tier.E]);
        Assert.Equal(1, counts[Tier.None]);
        Assert.Equal(await CountedOneByOneAsync("t-old1", "t-old2"), counts);
    }

    [Fact]
    public async Task CounterWithoutBuiltMark_RecountedByTheFirstRead()
    {
        await DoctorAsync("t-read");
        var counterKey = Host.Services.GetRequiredService<RedisKeyspace>().Key("tier-counts");
        await Redis.Connection.GetDatabase().HashDeleteAsync(counterKey, "built");
        await Redis.Connection.GetDatabase().HashIncrementAsync(counterKey, "none", 5);

        var counts = await DistributionAsync();

        Assert.Equal(1, counts[Tier.None]);
        Assert.Equal(await CountedOneByOneAsync("t-read"), counts);
    }

    [Fact]
    public async Task StartUpCount_RedisUnreachable_LeftToTheFirstReadInsteadOfStoppingTheService()
    {
        var unreachable = new ScoreStore(new RedisReader(Redis.Connection, Host.Services.GetRequiredService<ServiceDefaults.Resilience.RedisPipeline>()), new RedisKeyspace("nowhere:"),
            new RedisConnectionFactory($"127.0.0.1:{LoopbackPorts.FindFree()},connectTimeout=500,connectRetry=0"));
        var rebuild = new TierCountRebuild(unreachable, Microsoft.Extensions.Logging.Abstractions.NullLogger<TierCountRebuild>.Instance);

        await rebuild.StartAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => unreachable.EnsureTierCountsAsync());
    }

    [Fact]
    public async Task Json_GetTierDistribution_ServedOnTheHttpPort()
    {
        await DoctorAsync("t-json");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tier-distribution");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Host.Token("policy_officer", "officer-1"));

        var response = await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var distribution = Google.Protobuf.JsonParser.Default.Parse<TierDistribution>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, distribution.Total);
        Assert.Equal(1, distribution.Tiers.Single(t => t.Tier == Tier.None).Talents);
    }

    [Theory]
    [InlineData("scanner")]
    [InlineData("applicant")]
    public async Task GetTierDistribution_OtherRoles_PermissionDenied(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Scores.GetTierDistributionAsync(new GetTierDistributionRequest(), As(role)));
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await Scores.GetTierDistributionAsync(new GetTierDistributionRequest(), ServiceHost<Program>.Call()));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }
}
