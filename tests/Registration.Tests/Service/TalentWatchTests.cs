using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

/// <summary>
/// WatchMyTalent: the talent's app learns of a new tier without polling. The host's clock is a fake that the tests
/// never move, so the watch's safety poll never fires: whatever arrives was pushed by the commit's wake-up.
/// </summary>
public sealed class TalentWatchTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WatchMyTalent_SendsTheTalent_ThenEachCommittedChange_AndLeavesNothingBehind()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var registered = await host.RegisterAsync("t-1");
        using (var watch = host.Talents.WatchMyTalent(new WatchMyTalentRequest(), host.Applicant("t-1")))
        {
            await watch.ResponseHeadersAsync;
            Assert.Equal(registered, await NextAsync(watch));

            var until = DateTimeOffset.UtcNow.AddYears(3);
            await TalentCodeTests.EvaluatedAsync(host, "t-1", 2, Tier.B, until);
            var tiered = await NextAsync(watch);
            Assert.Equal((Tier.B, until.ToUnixTimeMilliseconds()), (tiered.Tier, tiered.CertificationValidUntil.ToDateTimeOffset().ToUnixTimeMilliseconds()));

            await host.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13911112222" }, host.Applicant("t-1"));
            var updated = await NextAsync(watch);
            Assert.Equal(("139****2222", Tier.B), (updated.PhoneMasked, updated.Tier));
            Assert.NotEqual(tiered.Etag, updated.Etag);
        }

        var watchers = host.Host.Services.GetRequiredService<WatchSignal>();
        await Eventually.TrueAsync(() => Task.FromResult(watchers.Count == 0), Wait, "the ended watch leaves no wake-up behind");
    }

    [Fact]
    public async Task WatchMyTalent_OnOneReplica_PushesAChangeCommittedOnAnother()
    {
        // Two replicas of the service on one keyspace; the watch is on the first, the change commits on the second.
        var prefix = TestKeys.Prefix();
        await using var one = await RegistrationHost.StartAsync(redis, prefix);
        await using var other = await RegistrationHost.StartAsync(redis, prefix);
        var registered = await one.RegisterAsync("t-1");
        using var watch = one.Talents.WatchMyTalent(new WatchMyTalentRequest(), one.Applicant("t-1"));
        await watch.ResponseHeadersAsync;
        Assert.Equal(registered, await NextAsync(watch));

        await other.Talents.UpdateContactAsync(new UpdateContactRequest { TalentId = "t-1", Phone = "13911112222" }, other.Applicant("t-1"));

        Assert.Equal("139****2222", (await NextAsync(watch)).PhoneMasked);
        // What an operator sees: the replica that committed sent a wake-up, the watch's replica heard one.
        Assert.Contains("sent", await WakeUpDirectionsAsync(other));
        Assert.Contains("heard", await WakeUpDirectionsAsync(one));
    }

    /// <summary>The directions the relay's counter has counted, from the host's /metrics.</summary>
    private static async Task<List<string?>> WakeUpDirectionsAsync(RegistrationHost host) =>
        [.. PrometheusSample.Read(await PrometheusSample.ScrapeAsync(host.Host.Http, TestContext.Current.CancellationToken))
            .Where(sample => sample.Name == "talentmesh_watch_wake_ups_total" && sample.Value > 0)
            .Select(sample => sample.Label("direction"))];

    [Fact]
    public async Task WatchMyTalent_NotRegistered_NotFound()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        using var watch = host.Talents.WatchMyTalent(new WatchMyTalentRequest(), host.Applicant("t-nobody"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static async Task<Talent> NextAsync(AsyncServerStreamingCall<Talent> watch)
    {
        using var deadline = new CancellationTokenSource(Wait);
        Assert.True(await watch.ResponseStream.MoveNext(deadline.Token), "the watch ended");
        return watch.ResponseStream.Current;
    }
}
