using System.Net;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.GarbageCollection;
using TalentMesh.ServiceDefaults.Hosting;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>A misconfigured service refuses to start, and says which setting is wrong.</summary>
public sealed class OptionsValidationTests(RedisServerFixture redis)
{
    public static TheoryData<string, string?, Type, string> InvalidSettings => new()
    {
        { "Auth:SigningKey", null, typeof(AuthOptions), nameof(AuthOptions.SigningKey) },
        { "Auth:SigningKey", "only-31-characters-long-0123456", typeof(AuthOptions), nameof(AuthOptions.SigningKey) },
        { "Service:Name", "Not A Valid Name!", typeof(ServiceOptions), nameof(ServiceOptions.Name) },
        { "Service:Name", null, typeof(ServiceOptions), nameof(ServiceOptions.Name) },
        { "Service:GrpcPort", "70000", typeof(ServiceOptions), nameof(ServiceOptions.GrpcPort) },
        { "Service:HttpPort", "-1", typeof(ServiceOptions), nameof(ServiceOptions.HttpPort) },
        { "Redis:KeyPrefix", "Not A Prefix", typeof(RedisOptions), nameof(RedisOptions.KeyPrefix) },
        { "Resilience:Redis:MinimumThroughput", "1", typeof(RedisResilienceOptions), nameof(RedisResilienceOptions.MinimumThroughput) },
        // The tests' TotalTimeout is 1 s: an attempt may not outlast the whole operation.
        { "Resilience:Redis:AttemptTimeout", "00:00:02", typeof(RedisResilienceOptions), nameof(RedisResilienceOptions.AttemptTimeout) },
        { "Resilience:Redis:ClientCommandTimeout", "00:00:00.500", typeof(RedisResilienceOptions), nameof(RedisResilienceOptions.ClientCommandTimeout) },
        // A positive nice value would put the GC behind the requests it stops.
        { "GarbageCollection:ThreadNice", "5", typeof(GcThreadPriorityOptions), nameof(GcThreadPriorityOptions.ThreadNice) },
        { "GarbageCollection:RescanInterval", "00:00:00.100", typeof(GcThreadPriorityOptions), nameof(GcThreadPriorityOptions.RescanInterval) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task InvalidSetting_FailsStart_NamingTheField(string key, string? value, Type optionsType, string field)
    {
        var settings = TestServiceHost.Settings(redis.ConnectionString, TestKeys.Prefix());
        if (value is null)
            settings.Remove(key);
        else
            settings[key] = value;

        // "Start" is Build + StartAsync, as in a service's Program.cs: Kestrel's settings come from ServiceOptions and
        // WebApplication resolves the server while building, so ServiceOptions fail in Build, the others in StartAsync.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = TestServiceHost.Build(settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Equal(optionsType, error.OptionsType);
        Assert.Contains(error.Failures, failure => failure.Contains($"'{field}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidSettings_Start()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        Assert.NotEqual(host.GrpcAddress, host.HttpAddress);
        // Service:LoopbackOnly is honoured, and the started service finds its dependencies.
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(host.GrpcAddress.Host)), host.GrpcAddress.ToString());
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(host.HttpAddress.Host)), host.HttpAddress.ToString());
        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/readyz"));
    }
}
