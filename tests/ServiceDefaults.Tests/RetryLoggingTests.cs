using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Tests.Support;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>An outage must not flood the log: Polly's per-attempt and per-retry events go to Debug.</summary>
public sealed class RetryLoggingTests
{
    [Fact]
    public async Task TransientFailures_RetriesAreLoggedAtDebug_NotAsWarningsWithStackTraces()
    {
        var logs = new CapturedLogs();
        using var host = HostLoggingTo(logs);
        var pipeline = host.Services.GetRequiredService<RedisPipeline>();
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new TimeoutException("Redis did not answer"); // transient, as RedisTransientFailures sees it
        }, TestContext.Current.CancellationToken));

        var polly = logs.Entries.Where(entry => entry.Category.StartsWith("Polly", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, attempts); // the first try and two retries (Resilience:Redis:MaxRetryAttempts)
        Assert.Contains(polly, entry => entry.Level == LogLevel.Debug && entry.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, entry => entry.Level >= LogLevel.Warning
            && (entry.Message.Contains("OnRetry", StringComparison.Ordinal) || entry.Message.Contains("Execution attempt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RetriedRead_IsLoggedWithTheValuesType_NeverTheValue()
    {
        var logs = new CapturedLogs();
        using var host = HostLoggingTo(logs);
        var pipeline = host.Services.GetRequiredService<RedisPipeline>();
        var attempts = 0;

        var value = await pipeline.ExecuteAsync(_ => ++attempts == 1
            ? throw new TimeoutException("Redis did not answer")
            : ValueTask.FromResult("phone 13800000000"), TestContext.Current.CancellationToken);

        Assert.Equal("phone 13800000000", value);
        var executed = Assert.Single(logs.Entries, entry => entry.Category.StartsWith("Polly", StringComparison.Ordinal)
            && entry.Message.StartsWith("Resilience pipeline executed", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, executed.Level); // an execution that needed a retry is worth a line
        Assert.Contains("Result: 'String'", executed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains("13800000000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CircuitClosing_IsLoggedAtWarning_BesideItsOpening()
    {
        var logs = new CapturedLogs();
        var time = new FakeTimeProvider();
        using var host = HostLoggingTo(logs, time);
        var pipeline = host.Services.GetRequiredService<RedisPipeline>();
        var options = host.Services.GetRequiredService<IOptions<RedisResilienceOptions>>().Value;

        for (var i = 0; i < options.MinimumThroughput; i++)
            await Assert.ThrowsAsync<TimeoutException>(async () =>
                await pipeline.ExecuteOnceAsync<int>(_ => throw new TimeoutException("Redis did not answer"), TestContext.Current.CancellationToken));
        time.Advance(options.BreakDuration + TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await pipeline.ExecuteOnceAsync(_ => Task.FromResult(1), TestContext.Current.CancellationToken));

        // Polly's category starts at Warning in every service (a healthy call is an Information line): both ends of an
        // outage must stay above it.
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("OnCircuitOpened", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("OnCircuitClosed", StringComparison.Ordinal));
    }

    /// <summary>A host with the "redis" pipeline whose every log entry, Debug included, lands in <paramref name="logs"/>.</summary>
    private static IHost HostLoggingTo(CapturedLogs logs, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Polly's category starts at Warning in a service; configured, it goes down to Debug like any other.
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug).AddFilter(RedisResilienceRegistration.PollyCategory, LogLevel.Debug);
        if (time is not null)
            builder.Services.AddSingleton(time);
        builder.AddRedisResilience();
        return builder.Build();
    }
}
