using Grpc.Core;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Drills;

/// <summary>
/// Drill: the host stops running a service while its calls wait on Redis (SIGSTOP to the service process, as a paused
/// VM, a live migration or a throttled CPU quota do), for longer than the "redis" pipeline's timeouts. Redis answers
/// as soon as the service runs again, so every call succeeds: the time the service itself did not run is not counted
/// against Redis. Before the stall-tolerant clock each of these calls answered UNAVAILABLE "the data store did not
/// answer in time" the moment the service resumed.
/// </summary>
public sealed class ServicePauseDrillTests
{
    private const int Calls = 16;

    /// <summary>Longer than the total timeout (1 s), so every timer of the waiting calls is overdue on resume.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ServicePausedWhileItsCallsWaitOnRedis_EveryCallSucceedsOnceItRunsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartNewAsync();
        await using var mesh = await Mesh.StartAsync(new MeshOptions { Redis = redis }, ct);
        var api = new MeshClients(mesh);
        await api.Talents.RegisterTalentAsync(People.Registration("Pause Drill", People.BornYearsAgo(30)), api.Applicant("t-pause"));
        var registration = mesh.Services.Single(s => s.Project == "Registration");
        var idle = await ActiveRequestsAsync(registration, ct);

        // Redis stops first, so the calls are inside the service with their timeouts running when the service stops.
        await redis.PauseAsync();
        List<Task<StatusCode>> calls;
        try
        {
            calls = [.. Enumerable.Range(0, Calls).Select(_ => GetTalentAsync(api))];
            await Eventually.TrueAsync(async () => await ActiveRequestsAsync(registration, ct) >= idle + Calls, TimeSpan.FromSeconds(10),
                "the calls did not reach Registration");
            await ProcessSignals.SendAsync("STOP", [registration.ProcessId]);
            await Task.Delay(Pause, ct); // the length of the drill's stall, not a wait for something to happen
            // The service runs again before Redis does: a timeout that counted the pause fires while Redis is still silent.
            await ProcessSignals.SendAsync("CONT", [registration.ProcessId]);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var statuses = await Task.WhenAll(calls);
        Assert.All(statuses, status => Assert.Equal(StatusCode.OK, status));
        Assert.True(registration.Process.IsRunning);
    }

    private static async Task<StatusCode> GetTalentAsync(MeshClients api)
    {
        try
        {
            await api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = "t-pause" }, api.As("hr", "hr-1", TimeSpan.FromSeconds(20)));
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    /// <summary>Requests the service is serving now, from ASP.NET Core's <c>http.server.active_requests</c> on /metrics.</summary>
    private static async Task<double> ActiveRequestsAsync(MeshService service, CancellationToken ct) =>
        PrometheusSample.Read(await PrometheusSample.ScrapeAsync(service.Http, ct))
            .Where(sample => sample.Name == "http_server_active_requests")
            .Sum(sample => sample.Value);
}
