using System.Collections.Concurrent;
using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Drills;

/// <summary>
/// Drill: redis-server (AOF, appendfsync always) is SIGKILLed while talents register, then restarted on the same data.
/// Every registration a client saw acknowledged is still there and its event reaches Evaluation; a registration that
/// failed during the outage succeeds when retried with its idempotency key, once.
/// </summary>
public sealed class RedisCrashDrillTests
{
    private const int Workers = 8;
    private const int AcknowledgedBeforeCrash = 150;
    private const int AcknowledgedAfterRestart = 100;

    [Fact]
    public async Task RedisKilledDuringRegistrations_Restarted_EveryAcknowledgedRegistrationKeptAndDelivered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartNewAsync(appendOnlyFsyncAlways: true);
        await using var mesh = await Mesh.StartAsync(new MeshOptions { Redis = redis }, ct);
        var api = new MeshClients(mesh);

        var requests = new ConcurrentDictionary<int, RegisterTalentRequest>();
        var acknowledged = new ConcurrentDictionary<int, string>();
        var failed = new ConcurrentDictionary<int, StatusCode>();
        var next = -1;
        var acknowledgedAfterRestart = 0;
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each worker registers talents one after another. A call that fails (Redis is gone) is recorded, and the
        // worker waits for the restart; from then on it retries UNAVAILABLE with the same idempotency key.
        async Task WorkAsync()
        {
            while (Volatile.Read(ref acknowledgedAfterRestart) < AcknowledgedAfterRestart)
            {
                var i = Interlocked.Increment(ref next);
                var request = requests.GetOrAdd(i, Talents.Registration);
                if (restarted.Task.IsCompleted)
                {
                    acknowledged[i] = await RegisterUntilAcknowledgedAsync(api, request, i);
                    Interlocked.Increment(ref acknowledgedAfterRestart);
                    continue;
                }
                try
                {
                    var talent = await api.Talents.RegisterTalentAsync(request, api.As("applicant", Talents.Id("rc", i), TimeSpan.FromSeconds(15)));
                    Acknowledge(i, talent.TalentId);
                }
                catch (RpcException error) when (crashed.Task.IsCompleted)
                {
                    failed[i] = error.StatusCode;
                    await restarted.Task;
                }
                catch (RpcException)
                {
                    // Redis is still up: the mesh was slow under the parallel suite's load (a deadline, a retry-later).
                    // A client sends the same request again; waiting for a restart here would wait for a crash that
                    // needs this worker's registrations (all eight once parked that way until the drill's deadline).
                    Acknowledge(i, await RegisterUntilAcknowledgedAsync(api, request, i));
                }
            }
        }

        void Acknowledge(int i, string talentId)
        {
            acknowledged[i] = talentId;
            if (acknowledged.Count >= AcknowledgedBeforeCrash)
                crashed.TrySetResult();
        }

        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync, ct)).ToList();
        await crashed.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
        await redis.StopAsync();
        await Eventually.TrueAsync(() => failed.Count >= Workers / 2, TimeSpan.FromMinutes(1), "registrations fail while Redis is down");
        await redis.StartAsync();
        restarted.SetResult();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3), ct);

        // While Redis was down the service said so (UNAVAILABLE), or the client gave up waiting: never anything else.
        Assert.All(failed.Values, status => Assert.Contains(status, new[] { StatusCode.Unavailable, StatusCode.DeadlineExceeded }));

        // A client retries what failed, with the same idempotency key: each lands once.
        foreach (var (i, _) in failed)
            acknowledged[i] = await RegisterUntilAcknowledgedAsync(api, requests[i], i);

        // Every acknowledged registration is in Registration and was delivered to Evaluation, which scored it.
        var missing = acknowledged.Keys.ToHashSet();
        await Eventually.TrueAsync(async () =>
        {
            var still = new ConcurrentBag<int>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Talents.Concurrency, CancellationToken = ct }, async (i, _) =>
            {
                if (!await RegisteredAndScoredAsync(api, Talents.Id("rc", i)))
                    still.Add(i);
            });
            missing = [.. still];
            return missing.Count == 0;
        }, TimeSpan.FromMinutes(2), $"every acknowledged registration reaches Evaluation{Environment.NewLine}{mesh.OutputTails(20)}");
        Assert.True(acknowledged.Count >= AcknowledgedBeforeCrash + AcknowledgedAfterRestart);
    }

    private static async Task<string> RegisterUntilAcknowledgedAsync(MeshClients api, RegisterTalentRequest request, int i) =>
        (await WellBehavedClient.UntilAvailableAsync(async () => await api.Talents.RegisterTalentAsync(request, api.Applicant(Talents.Id("rc", i))),
            TimeSpan.FromSeconds(60))).TalentId;

    private static async Task<bool> RegisteredAndScoredAsync(MeshClients api, string talentId)
    {
        try
        {
            var talent = await api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = talentId }, api.Hr);
            var score = await api.Scores.GetScoreAsync(new GetScoreRequest { TalentId = talentId }, api.Hr);
            return talent.TalentId == talentId && score.EvaluationSequence >= 1;
        }
        // Not there yet, or the service's circuit is still open from the outage (its break outlasts the restart).
        catch (RpcException error) when (error.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
        {
            return false;
        }
    }
}
