using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.EndToEnd.Tests.Workflow;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Drills;

/// <summary>
/// Drill: a poison entry (not a CloudEvent at all) on every topic some service consumes. Each consumer dead-letters
/// it to <c>&lt;topic&gt;.deadletter</c> with the reason, and the workflow behind every topic carries on.
/// </summary>
public sealed class PoisonEventDrillTests
{
    /// <summary>What the services subscribe to (docs/contracts.md); the drill fails if one has no consumer group.</summary>
    private static readonly string[] ConsumedTopics =
    [
        "talent.registered", "credential.verified", "credential.rejected", "credential.revoked", "talent.evaluated",
        "talent-code.issued", "talent-code.revoked", "policy.published",
    ];

    [Fact]
    public async Task PoisonOnEveryConsumedTopic_DeadLetteredPerConsumer_WorkflowContinues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);
        var api = new MeshClients(mesh);
        var db = mesh.RedisConnection.GetDatabase();

        var consumers = await ConsumerGroupsByTopicAsync(mesh);
        Assert.All(ConsumedTopics, topic => Assert.True(consumers.ContainsKey(topic), $"no service consumes {topic}; groups: {string.Join(", ", consumers.Keys)}"));

        foreach (var topic in consumers.Keys)
            await db.StreamAddAsync(mesh.KeyPrefix + topic, "data", "{ this is not a CloudEvent");
        foreach (var (topic, groups) in consumers)
        {
            await Eventually.TrueAsync(async () => await db.StreamLengthAsync(mesh.KeyPrefix + topic + ".deadletter") == groups.Count,
                TimeSpan.FromSeconds(60), $"{topic}'s poison is dead-lettered once by each of {string.Join(", ", groups)}");
        }

        // The workflow behind each topic continues: registration → verification → evaluation → code → policy
        // offer, and a rejection notice.
        await api.Talents.RegisterTalentAsync(People.Registration("Poison After", People.BornYearsAgo(38)), api.Applicant("t-after"));
        var (program, reference) = Credentials.TalentProgram(TalentProgramLevel.Provincial);
        var credential = await api.Credentials.SubmitCredentialAsync(People.Submission("t-after", program, reference), api.Applicant("t-after"));
        var (award, awardReference) = Credentials.NationalAward();
        var rejected = await api.Credentials.SubmitCredentialAsync(People.Submission("t-after", award, awardReference), api.Applicant("t-after"));
        await api.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credential.CredentialId }, api.Hr);
        await api.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = rejected.CredentialId, Reason = "unreadable" }, api.Hr);
        await GrpcWorkflowTests.ScoreAsync(api, "t-after", s => s.Tier == Tier.C, "Evaluation scores the talent after the poison");
        await GrpcWorkflowTests.TierInRegistrationAsync(api, "t-after", Tier.C);
        await Eventually.TrueAsync(async () => (await api.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest(), api.Applicant("t-after"))).Tier == Tier.C,
            TimeSpan.FromSeconds(30), "Redemption holds the tier");
        var policy = await api.Policies.CreatePolicyAsync(new CreatePolicyRequest
        {
            Policy = new Policy { Title = "After poison", EligibleTiers = { Tier.C }, PaymentForm = PaymentForm.OneOff, Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 100 } },
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, api.Officer);
        await api.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = policy.PolicyId }, api.Officer);
        await GrpcWorkflowTests.NotifiedAsync(api, "t-after", n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId, "the policy offer arrives");
        await GrpcWorkflowTests.NotifiedAsync(api, "t-after", n => n.Kind == NotificationKind.CredentialRejected, "the rejection notice arrives");
        var code = await api.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "t-after" }, api.Applicant("t-after"));
        Assert.True((await api.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = code.QrPayload }, api.Scanner)).Valid);
        foreach (var (topic, groups) in consumers)
            Assert.Equal(groups.Count, await db.StreamLengthAsync(mesh.KeyPrefix + topic + ".deadletter"));
    }

    /// <summary>Topic → the services' consumer groups on it (the redis transport's <c>&lt;app id&gt;.redis-transport</c>).</summary>
    private static async Task<Dictionary<string, List<string>>> ConsumerGroupsByTopicAsync(Mesh mesh)
    {
        var server = mesh.RedisConnection.GetServers()[0];
        var db = mesh.RedisConnection.GetDatabase();
        var topics = new Dictionary<string, List<string>>();
        await foreach (var key in server.KeysAsync(pattern: mesh.KeyPrefix + "*"))
        {
            var name = ((string)key!)[mesh.KeyPrefix.Length..];
            if (await db.KeyTypeAsync(key) != RedisType.Stream || name.EndsWith(".deadletter", StringComparison.Ordinal))
                continue;
            var groups = (await db.StreamGroupInfoAsync(key)).Select(g => g.Name).Where(g => g.EndsWith(".redis-transport", StringComparison.Ordinal)).ToList();
            if (groups.Count > 0)
                topics[name] = groups;
        }
        return topics;
    }
}
