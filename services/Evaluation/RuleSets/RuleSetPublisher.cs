using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Scores;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// Publishing: the document is validated by the engine, must hash to what the preview showed, is stored once
/// (immutable by hash) and announced; it takes effect now or at effective_from.
/// </summary>
public sealed class RuleSetPublisher(RuleSetStore ruleSets, RuleSetActivation activation, EventUnitOfWorkFactory units,
    IOptions<EventBusOptions> bus, TimeProvider time)
{
    private const int Attempts = 5;

    public async Task<PublishedRuleSet> PublishAsync(string document, string expectedHash, DateTimeOffset? effectiveFrom, string idempotencyKey, string publishedBy)
    {
        Validate(expectedHash, idempotencyKey);
        var loaded = RuleSetDocument.Compile(document);
        if (loaded.Hash != expectedHash)
            throw new WorkflowViolationException($"The document hashes to {loaded.Hash}, not the expected {expectedHash}: preview it again.", "RULE_SET_HASH_MISMATCH");
        ruleSets.Remember(loaded);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (idempotencyKey.Length > 0 && await ruleSets.IdempotentPublicationAsync(idempotencyKey) is { } earlier)
            {
                return earlier == loaded.Hash
                    ? (await ruleSets.PublishedAsync(earlier))!
                    : throw new AlreadyExistsException("The idempotency key was used for a different rule set.");
            }
            var now = time.GetUtcNow();
            var effective = effectiveFrom is { } at && at > now ? at : now;
            var existing = await ruleSets.PublishedAsync(loaded.Hash);
            if (existing is { Status: PublicationStatus.Active } && effective == now)
                return existing;
            var unit = units.Begin();
            ruleSets.StagePublication(unit, loaded, document, now, publishedBy, effective, firstPublication: existing is null);
            if (idempotencyKey.Length > 0)
                ruleSets.StageIdempotency(unit, idempotencyKey, loaded.Hash, bus.Value.InboxRetention);
            var activates = effective == now && await activation.StageAsync(unit, loaded.Hash, now);
            if (effective > now)
                ruleSets.StageScheduled(unit, loaded.Hash, effective);
            unit.Publish(new RuleSetPublished
            {
                RuleSetId = loaded.Id,
                Version = loaded.Version,
                RuleSetHash = loaded.Hash,
                Title = loaded.Compiled.Source.Labels.En,
                EffectiveFrom = EngineFacts.Timestamp(effective),
                OccurredAt = EngineFacts.Timestamp(now),
            });
            if (await unit.CommitAsync() == CommitOutcome.Committed)
            {
                if (activates)
                    activation.Activated();
                return (await ruleSets.PublishedAsync(loaded.Hash))!;
            }
        }
        throw new WorkflowViolationException("Rule sets kept changing while this one was published; try again.", "RULE_SET_PUBLICATION_CONFLICT");
    }

    private static void Validate(string expectedHash, string idempotencyKey)
    {
        var violations = new List<FieldViolation>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(expectedHash, "^sha256:[0-9a-f]{64}$"))
            violations.Add(new FieldViolation("expected_hash", "the hash PreviewRuleSet returned (sha256:<64 lower-case hex>) is required"));
        if (idempotencyKey.Length > 128)
            violations.Add(new FieldViolation("idempotency_key", "at most 128 characters"));
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
    }
}
