using System.Runtime.CompilerServices;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Redemption.Tests.Support;

/// <summary>The real Redemption Program on real sockets against the test's redis-server, with clients and neighbour events.</summary>
public sealed class RedemptionHarness : IAsyncDisposable
{
    private RedemptionHarness(ServiceHost<Program> host, string prefix)
    {
        Host = host;
        Prefix = prefix;
        Topics = new TopicStreams(host.Redis, host.TopicPrefix);
        Policies = new PolicyService.PolicyServiceClient(host.Channel);
        Redemptions = new RedemptionService.RedemptionServiceClient(host.Channel);
        Notifications = new NotificationService.NotificationServiceClient(host.Channel);
    }

    public ServiceHost<Program> Host { get; }
    public string Prefix { get; }
    public TopicStreams Topics { get; }
    public PolicyService.PolicyServiceClient Policies { get; }
    public RedemptionService.RedemptionServiceClient Redemptions { get; }
    public NotificationService.NotificationServiceClient Notifications { get; }

    public static async Task<RedemptionHarness> StartAsync(RedisServerFixture redis, [CallerMemberName] string caller = "") =>
        await RestartAsync(redis, TestKeys.Prefix(caller));

    /// <summary>Starts the service on an existing keyspace (a restart: same Redis data, new process state).</summary>
    public static async Task<RedemptionHarness> RestartAsync(RedisServerFixture redis, string prefix) =>
        new(await ServiceHost<Program>.StartAsync(redis.ConnectionString, prefix), prefix);

    public CallOptions Officer(TimeSpan? timeout = null) => ServiceHost<Program>.Call(Host.Token(Roles.PolicyOfficer, "officer-1"), timeout);

    public CallOptions As(string talentId, TimeSpan? timeout = null) => ServiceHost<Program>.Call(Host.Token(Roles.Applicant, talentId), timeout);

    public async Task<Policy> PublishAsync(Policy draft)
    {
        var created = await Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft, IdempotencyKey = Guid.NewGuid().ToString() }, Officer());
        return await Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, Officer());
    }

    /// <summary>Publishes talent.evaluated as Evaluation would and waits until the projection holds it.</summary>
    public async Task EvaluateAsync(string talentId, Tier tier, long sequence, params Fact[] facts)
    {
        await PublishEvaluationAsync(talentId, tier, sequence, facts);
        await Eventually.TrueAsync(async () => (await Talent(talentId)).EvaluationSequence >= sequence, TimeSpan.FromSeconds(15), $"{talentId} evaluated");
    }

    public Task<string> PublishEvaluationAsync(string talentId, Tier tier, long sequence, params Fact[] facts)
    {
        var evaluated = new TalentEvaluated
        {
            TalentId = talentId, EvaluationSequence = sequence, Tier = tier, RuleSetId = "high-tech-zone", RuleSetVersion = "2025.1",
            Facts = Talents.Facts(facts), OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        return Topics.PublishAsync(evaluated, "evaluation");
    }

    public Task<TalentProfile> Talent(string talentId) =>
        Host.Services.GetRequiredService<TalentStore>().LoadAsync(talentId, CancellationToken.None);

    public async Task<Contracts.Redemption.V1.Redemption> RedeemAsync(string talentId, string policyId) =>
        await Redemptions.RedeemAsync(new RedeemRequest { PolicyId = policyId, IdempotencyKey = Guid.NewGuid().ToString() }, As(talentId));

    public async Task<Contracts.Redemption.V1.Redemption> ApproveAsync(Contracts.Redemption.V1.Redemption redemption, ApprovalStage stage) =>
        await Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest { RedemptionId = redemption.RedemptionId, Stage = stage }, Officer());

    public async Task<Contracts.Redemption.V1.Redemption> GetAsync(string redemptionId) =>
        await Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = redemptionId }, Officer());

    public async Task<IReadOnlyList<Notification>> InboxAsync(string talentId) =>
        (await Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, As(talentId))).Notifications;

    /// <summary>Moves the service's clock to <paramref name="target"/> (never backwards).</summary>
    public void MoveClockTo(DateTimeOffset target)
    {
        var step = target - Host.Time.GetUtcNow();
        Assert.True(step >= TimeSpan.Zero, $"the clock is already past {target:O}");
        Host.Time.Advance(step);
    }

    public static async Task<RpcException> FailsWith(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == error.StatusCode, $"expected {code}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    public static string? Reason(RpcException error) => error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    public static IReadOnlyList<string> Fields(RpcException error) =>
        [.. error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? []];

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
