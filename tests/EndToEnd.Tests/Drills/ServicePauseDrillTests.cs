using System.Diagnostics;
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
/// <para>
/// The drill runs the services' "redis" pipelines with longer timeouts than the defaults
/// (<see cref="AttemptTimeout"/>): the time the calls take to reach the service before it stops, and the time between
/// its SIGCONT and Redis's, are time the service runs while Redis is silent, and a loaded CI machine (the browser tests
/// beside this one) has taken more than the default 500 ms attempt for them — such calls rightly time out, and the
/// drill would measure the machine, not the clock.
/// </para>
/// </summary>
public sealed class ServicePauseDrillTests
{
    private const int Calls = 16;

    /// <summary>The slack for the service's running time while Redis is silent (see the class's remarks).</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Longer than <see cref="TotalTimeout"/>, so every timer of the waiting calls is overdue on resume.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ServicePausedWhileItsCallsWaitOnRedis_EveryCallSucceedsOnceItRunsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartNewAsync();
        await using var mesh = await Mesh.StartAsync(new MeshOptions { Redis = redis, Configure = (_, settings) => WithDrillTimeouts(settings) }, ct);
        var api = new MeshClients(mesh);
        await api.Talents.RegisterTalentAsync(People.Registration("Pause Drill", People.BornYearsAgo(30)), api.Applicant("t-pause"));
        var registration = mesh.Services.Single(s => s.Project == "Registration");
        var idle = await ActiveRequestsAsync(registration, ct);

        // Redis stops first, so the calls are inside the service with their timeouts running when the service stops.
        await redis.PauseAsync();
        List<Task<StatusCode>> calls;
        var silentWhileRunning = Stopwatch.StartNew();
        try
        {
            calls = [.. Enumerable.Range(0, Calls).Select(_ => GetTalentAsync(api))];
            await Eventually.TrueAsync(async () => await ActiveRequestsAsync(registration, ct) >= idle + Calls, TimeSpan.FromSeconds(10),
                "the calls did not reach Registration", longestPause: TimeSpan.FromMilliseconds(5));
            await ProcessSignals.SendAsync("STOP", [registration.ProcessId]);
            silentWhileRunning.Stop();
            await Task.Delay(Pause, ct); // the length of the drill's stall, not a wait for something to happen
            // The service runs again before Redis does: a timeout that counted the pause fires while Redis is still silent.
            silentWhileRunning.Start();
            await ProcessSignals.SendAsync("CONT", [registration.ProcessId]);
        }
        finally
        {
            await redis.ResumeAsync();
            silentWhileRunning.Stop();
        }

        var statuses = await Task.WhenAll(calls);
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis silent while Registration ran: {silentWhileRunning.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(silentWhileRunning.Elapsed < AttemptTimeout,
            $"Registration ran {silentWhileRunning.Elapsed.TotalMilliseconds:F0} ms while Redis was silent, beyond the drill's attempt timeout: its calls rightly timed out");
        Assert.All(statuses, status => Assert.Equal(StatusCode.OK, status));
        Assert.True(registration.Process.IsRunning);
    }

    private static void WithDrillTimeouts(Dictionary<string, string?> settings)
    {
        settings["Resilience:Redis:AttemptTimeout"] = AttemptTimeout.ToString();
        settings["Resilience:Redis:TotalTimeout"] = TotalTimeout.ToString();
        // StackExchange.Redis's own timeout counts the pause (it is not the pipeline's clock); kept out of the drill's way.
        settings["Resilience:Redis:ClientCommandTimeout"] = TimeSpan.FromSeconds(30).ToString();
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
