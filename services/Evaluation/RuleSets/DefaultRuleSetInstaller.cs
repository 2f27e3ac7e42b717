using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Rules;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// On a fresh start (no rule set in force) publishes and activates the shipped default, so its hash is exactly the
/// one `rules validate high-tech-zone` prints. Runs before the host serves calls or consumes events.
/// </summary>
public sealed class DefaultRuleSetInstaller(RuleSetStore ruleSets, RuleSetActivation activation, EventUnitOfWorkFactory units,
    IOptions<EvaluationOptions> options, TimeProvider time, ILogger<DefaultRuleSetInstaller> logger) : IHostedService
{
    public const string SystemPublisher = "system";

    public async Task StartAsync(CancellationToken cancellationToken)
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
