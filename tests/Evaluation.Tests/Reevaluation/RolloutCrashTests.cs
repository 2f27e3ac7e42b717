using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Scores;
using TalentMesh.Evaluation.Tests.Support;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Evaluation.Tests.Reevaluation;

/// <summary>A rollout over 10,000 talents, the service SIGKILLed in the middle and started again.</summary>
public sealed class RolloutCrashTests(RedisServerFixture redis)
{
    private const int Talents = 10_000;

    [Fact]
    public async Task Rollout_ProcessKilledMidway_ResumesAndPublishesEachChangeExactlyOnce()
    {
        var prefix = TestKeys.Prefix();
        string adminToken;
        IReadOnlyDictionary<string, string?> settings;
        await using (var seeding = await ServiceHost<Program>.StartAsync(redis.ConnectionString, prefix))
        {
            await TalentSeeder.SeedDoctorsAsync(seeding.Services, Talents);
            adminToken = new AccessTokenIssuer(seeding.Services.GetRequiredService<IOptions<AuthOptions>>(), TimeProvider.System).Issue("admin-1", Roles.Admin, TimeSpan.FromHours(1));
            settings = new Dictionary<string, string?>(seeding.Settings)
            {
                // Small pages keep the first run busy long enough to be killed mid-way.
                ["Evaluation:RolloutPageSize"] = "50",
                ["Evaluation:RolloutConcurrency"] = "4",
            };
        }
        var database = redis.Connection.GetDatabase();
        var document = RuleSetDocuments.DoctorWorth(30, "crash");
        string hash;
        await using (var first = await EvaluationProcess.StartAsync(settings, adminToken))
        {
            var client = new RuleSetService.RuleSetServiceClient(first.Channel);
            hash = (await client.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = document }, ServiceHost<Program>.Call(adminToken, TimeSpan.FromSeconds(60)))).Hash;
            await client.PublishRuleSetAsync(new PublishRuleSetRequest { Document = document, ExpectedHash = hash, IdempotencyKey = "crash-1" }, ServiceHost<Program>.Call(adminToken));
            await Eventually.TrueAsync(async () => (long)await database.HashGetAsync($"{prefix}rollout:{hash}", "done") >= 1000, TimeSpan.FromSeconds(60),
                "the rollout is under way");

            await first.KillAsync();
        }
        var doneAtKill = (long)await database.HashGetAsync($"{prefix}rollout:{hash}", "done");
        Assert.InRange(doneAtKill, 1000, Talents - 1);

        await using (var second = await EvaluationProcess.StartAsync(settings, adminToken))
        {
            var client = new RuleSetService.RuleSetServiceClient(second.Channel);
            Rollout? rollout = null;
            await Eventually.TrueAsync(async () => (rollout = await client.GetRolloutAsync(new GetRolloutRequest { Hash = hash }, ServiceHost<Program>.Call(adminToken))).State == RolloutState.Completed,
                TimeSpan.FromSeconds(120), "the restarted service finishes the rollout");
            Assert.Equal(Talents, rollout!.Done);
            Assert.Equal(Talents, rollout.Changed);

            var topics = new TopicStreams(redis.Connection, prefix);
            await Eventually.TrueAsync(async () => (await topics.ReadAsync<TalentEvaluated>()).Count(e => e.Event.RuleSetHash == hash) >= Talents,
                TimeSpan.FromSeconds(60), "every changed result is published");
        }

        var scores = new ScoreStore(new RedisReader(redis.Connection, RedisPipeline.Create(new RedisResilienceOptions())), new RedisKeyspace(prefix), new RedisConnectionFactory(redis.ConnectionString));
        var ids = Enumerable.Range(0, Talents).Select(i => $"t{i:D6}").ToList();
        var current = await scores.CurrentManyAsync(ids);
        Assert.All(current, c => Assert.Equal(hash, c!.RuleSetHash));
        var published = (await new TopicStreams(redis.Connection, prefix).ReadAsync<TalentEvaluated>()).Where(e => e.Event.RuleSetHash == hash).ToList();
        var perTalent = published.GroupBy(e => e.Event.TalentId).ToDictionary(g => g.Key, g => g.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Talents, perTalent.Count);
        Assert.All(perTalent, p => Assert.Equal(1, p.Value));
        // Published in the commits themselves (redis transport): one entry per commit, so one CloudEvent id per talent.
        Assert.Equal(Talents, published.Select(e => e.Id).Distinct().Count());
    }
}
