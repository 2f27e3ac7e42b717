using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>The real Evaluation Program on real sockets and the test's redis-server; neighbours' events go in through the topic streams.</summary>
public abstract class EvaluationTestBase(RedisServerFixture redis) : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    public const string Registration = "registration";

    protected ServiceHost<Program> Host { get; private set; } = null!;

    protected TopicStreams Topics { get; private set; } = null!;

    protected RedisServerFixture Redis => redis;

    protected ScoreService.ScoreServiceClient Scores => new(Host.Channel);

    protected RuleSetService.RuleSetServiceClient RuleSets => new(Host.Channel);

    protected CallOptions As(string role, string subject = "test-user") => ServiceHost<Program>.Call(Host.Token(role, subject));

    protected CallOptions Admin => As("admin", "admin-1");

    protected CallOptions Hr => As("hr", "hr-1");

    /// <summary>Settings the test overrides (a fast scheduler, for example).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        Host = await ServiceHost<Program>.StartAsync(redis.ConnectionString, TestKeys.Prefix(GetType().Name), Configure);
        Topics = new TopicStreams(redis.Connection, Host.TopicPrefix);
    }

    public virtual async ValueTask DisposeAsync() => await Host.DisposeAsync();

    protected Task<string> PublishAsync(Google.Protobuf.IMessage @event, string? eventId = null) => Topics.PublishAsync(@event, Registration, eventId);

    /// <summary>The talent.evaluated events for one talent so far, oldest first.</summary>
    protected async Task<List<TalentEvaluated>> EvaluatedAsync(string talentId) =>
        (await Topics.ReadAsync<TalentEvaluated>()).Select(e => e.Event).Where(e => e.TalentId == talentId).ToList();

    /// <summary>Waits for a talent.evaluated of this talent that satisfies <paramref name="condition"/> and returns it.</summary>
    protected async Task<TalentEvaluated> WaitForEvaluationAsync(string talentId, Func<TalentEvaluated, bool> condition, string because)
    {
        TalentEvaluated? found = null;
        await Eventually.TrueAsync(async () => (found = (await EvaluatedAsync(talentId)).LastOrDefault(condition)) is not null, Deadline, because);
        return found!;
    }

    /// <summary>
    /// Waits for a stored evaluation of this talent (newest first in the history) that satisfies
    /// <paramref name="condition"/>: also one that published nothing, such as a registration without a tier.
    /// </summary>
    protected async Task<EvaluationRecord> WaitForStoredEvaluationAsync(string talentId, Func<EvaluationRecord, bool> condition, string because)
    {
        EvaluationRecord? found = null;
        await Eventually.TrueAsync(async () => (found = (await StoredEvaluationsAsync(talentId)).FirstOrDefault(condition)) is not null, Deadline, because);
        return found!;
    }

    /// <summary>The talent's stored evaluations, newest first; none yet while its history answers NOT_FOUND.</summary>
    private async Task<IReadOnlyList<EvaluationRecord>> StoredEvaluationsAsync(string talentId)
    {
        try
        {
            return (await HistoryAsync(talentId)).Evaluations;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
    }

    /// <summary>Waits until the service recorded the event as handled (its inbox marker).</summary>
    protected Task WaitHandledAsync(string eventId) =>
        Eventually.TrueAsync(async () => await Redis.Connection.GetDatabase().KeyExistsAsync(Host.Services.GetRequiredService<OutboxKeys>().InboxMarker(eventId)),
            Deadline, $"event {eventId} is handled");

    protected async Task<GetEvaluationHistoryResponse> HistoryAsync(string talentId) =>
        await Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = talentId, PageSize = 100 }, Admin);
}
