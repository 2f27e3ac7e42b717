using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Rules;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// On a fresh start (no rule set in force) publishes and activates the shipped default, so its hash is exactly the
/// one `rules validate high-tech-zone` prints. Runs before the host serves calls or consumes events.
/// </summary>
/// <remarks>
/// Its reads go through the "redis" pipeline, whose attempt timeout (500 ms) a cold process's first commands can
/// exceed on a loaded machine, and which does not repeat timed-out attempts: start-up tries again for a while
/// (<see cref="StartupPatience"/>) before it gives up and the host fails to start.
/// </remarks>
public sealed class DefaultRuleSetInstaller(RuleSetStore ruleSets, RuleSetActivation activation, EventUnitOfWorkFactory units,
    IOptions<EvaluationOptions> options, TimeProvider time, ILogger<DefaultRuleSetInstaller> logger) : IHostedService
{
    public const string SystemPublisher = "system";

    private static readonly TimeSpan StartupPatience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(StartupPatience)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => RedisTransientFailures.IsTransient(e) || e is Polly.CircuitBreaker.BrokenCircuitException),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .Build()
            .ExecuteAsync(async _ => await InstallAsync(), cancellationToken);

    private async Task InstallAsync()
    {
        for (var attempt = 0; attempt < 5 && await ruleSets.ActiveHashAsync() is null; attempt++)
        {
            var document = ShippedRuleSets.Json(options.Value.DefaultRuleSet);
            var loaded = ruleSets.Remember(RuleSetDocument.Compile(document));
            var now = time.GetUtcNow();
            var existing = await ruleSets.PublishedAsync(loaded.Hash);
            var unit = units.Begin();
            ruleSets.StagePublication(unit, loaded, document, now, SystemPublisher, now, firstPublication: existing is null);
            await activation.StageAsync(unit, loaded.Hash, now);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                logger.LogInformation("Installed the default rule set {RuleSet} {Hash}", loaded.Id, loaded.Hash);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
