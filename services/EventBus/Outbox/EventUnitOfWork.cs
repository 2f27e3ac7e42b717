using System.Diagnostics;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.EventBus.Outbox;

public enum CommitOutcome
{
    Committed,

    /// <summary>The inbox marker already existed: this event was handled before; nothing changed.</summary>
    AlreadyProcessed,

    /// <summary>Another condition failed (optimistic concurrency): nothing changed; re-read and try again.</summary>
    Conflict,
}

/// <summary>
/// A state change and the events it causes (and, in a handler, the inbox marker), committed atomically.
/// Record the writes and conditions here, call <see cref="Publish"/> for each event, then commit: the unit runs
/// inside one Lua script (with other units waiting at the same moment, see <see cref="GroupCommitter"/>), its writes
/// only if all its conditions hold, so an event is never published for a change that did not happen. Under the redis
/// transport the script adds the events to their topic streams itself; under the dapr transport to the outbox, for the
/// relay (<see cref="CommitPublisher"/>).
/// </summary>
/// <remarks>
/// Redis does not roll back a script whose write fails at run time, so the commit checks, before the unit's first
/// write, everything the data could make a write fail on: each key's type against what its commands need (as the unit's
/// own earlier writes leave it), integer operands of increments and their 64-bit overflow. If a check fails, the unit
/// writes nothing (no state, no inbox marker, no event) and <see cref="CommitAsync"/> throws
/// <see cref="CommitRefusedException"/>; in a handler the event stays redeliverable. Commands whose failure cannot be
/// ruled out this way (e.g. XADD with an explicit id) are refused when recorded, as are null values (use
/// <see cref="Delete"/> or <see cref="HashDelete"/>).
/// </remarks>
public sealed class EventUnitOfWork
{
    private readonly GroupCommitter committer;
    private readonly OutboxEntryFactory entries;
    private readonly CommitPublisher publisher;
    private readonly RedisPipeline pipeline;
    private readonly CommitUnit unit = new();
    private readonly int inboxCondition;
    private List<OutboxEntry>? published;
    private List<Action>? onCommitted;

    internal EventUnitOfWork(GroupCommitter committer, OutboxKeys keys, OutboxEntryFactory entries, CommitPublisher publisher,
        RedisPipeline pipeline, string? inboxEventId, TimeSpan inboxRetention)
    {
        this.committer = committer;
        this.pipeline = pipeline;
        this.entries = entries;
        this.publisher = publisher;
        if (inboxEventId is not null)
        {
            var marker = keys.InboxMarker(inboxEventId);
            inboxCondition = unit.AddCondition(CommitScript.Absent, marker, RedisValue.Null, RedisValue.Null);
            unit.AddFinalWrite("SET", marker, "1", "PX", Milliseconds(inboxRetention));
        }
    }

    /// <summary>SET <paramref name="key"/>, with an optional time to live.</summary>
    public void Set(RedisKey key, RedisValue value, TimeSpan? expiry = null)
    {
        if (expiry is { } ttl)
            unit.AddWrite("SET", key, value, "PX", Milliseconds(ttl));
        else
            unit.AddWrite("SET", key, value);
    }

    public void Delete(RedisKey key) => unit.AddWrite("DEL", key);

    public void Increment(RedisKey key, long by = 1) => unit.AddWrite("INCRBY", key, by);

    public void Expire(RedisKey key, TimeSpan ttl) => unit.AddWrite("PEXPIRE", key, Milliseconds(ttl));

    public void HashSet(RedisKey key, params ReadOnlySpan<HashEntry> fields)
    {
        var arguments = new RedisValue[fields.Length * 2];
        for (var i = 0; i < fields.Length; i++)
            (arguments[2 * i], arguments[2 * i + 1]) = (fields[i].Name, fields[i].Value);
        unit.AddWrite("HSET", key, arguments);
    }

    public void HashIncrement(RedisKey key, RedisValue field, long by = 1) => unit.AddWrite("HINCRBY", key, field, by);

    public void HashDelete(RedisKey key, RedisValue field) => unit.AddWrite("HDEL", key, field);

    public void SetAdd(RedisKey key, RedisValue member) => unit.AddWrite("SADD", key, member);

    public void SetRemove(RedisKey key, RedisValue member) => unit.AddWrite("SREM", key, member);

    public void SortedSetAdd(RedisKey key, RedisValue member, double score) => unit.AddWrite("ZADD", key, score, member);

    public void SortedSetRemove(RedisKey key, RedisValue member) => unit.AddWrite("ZREM", key, member);

    /// <summary>
    /// Any other single-key write, written as <c>COMMAND key arguments…</c> (for example XADD or RPUSH); only commands
    /// whose failure the commit can rule out beforehand are accepted (see <see cref="CommitRefusedException"/>).
    /// </summary>
    public void Write(string command, RedisKey key, params ReadOnlySpan<RedisValue> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        unit.AddWrite(command, key, arguments);
    }

    /// <summary>Commit only if <paramref name="key"/> does not exist (optimistic concurrency: "create once").</summary>
    public void RequireAbsent(RedisKey key) => unit.AddCondition(CommitScript.Absent, key, RedisValue.Null, RedisValue.Null);

    /// <summary>Commit only if <paramref name="key"/> exists.</summary>
    public void RequirePresent(RedisKey key) => unit.AddCondition(CommitScript.Present, key, RedisValue.Null, RedisValue.Null);

    /// <summary>Commit only if the string at <paramref name="key"/> still equals <paramref name="expected"/> (a version read earlier).</summary>
    public void RequireEqual(RedisKey key, RedisValue expected)
    {
        if (expected.IsNull)
            throw new ArgumentException("Use RequireAbsent to require a missing key.", nameof(expected));
        unit.AddCondition(CommitScript.EqualsValue, key, RedisValue.Null, expected);
    }

    /// <summary>Commit only if hash field <paramref name="field"/> still equals <paramref name="expected"/>; null means "the field is absent".</summary>
    public void RequireHashEqual(RedisKey key, RedisValue field, RedisValue expected) =>
        unit.AddCondition(expected.IsNull ? CommitScript.HashAbsent : CommitScript.HashEquals, key, field, expected);

    /// <summary>
    /// Publishes an event as part of this unit of work, with the caller's trace context; returns its id. It is written
    /// by the commit, after the unit's other writes: to its topic stream (redis transport) or to the outbox (dapr).
    /// </summary>
    public string Publish(IMessage @event)
    {
        var entry = entries.Create(@event);
        publisher.Add(unit, entry);
        (published ??= []).Add(entry);
        return entry.Id;
    }

    /// <summary>
    /// Runs <paramref name="action"/> right after this unit commits (never after a conflict or a failure), e.g. to wake
    /// the readers of what it wrote (a wake-up before the commit would race it, and the commit script takes no PUBLISH).
    /// Keep it short and non-throwing.
    /// </summary>
    public void OnCommitted(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (onCommitted ??= []).Add(action);
    }

    /// <summary>Commits all or nothing; throws <see cref="CommitRefusedException"/> when the data in Redis would make a write fail.</summary>
    /// <remarks>
    /// A request's commit (a unit without an inbox marker) goes through the "redis" pipeline once: refused at once while
    /// the circuit is open, given up after the attempt timeout (it may still land: the "cannot tell" case of
    /// docs/event-bus.md), never repeated. A handler's commit does not: its event is redelivered anyway, and a circuit
    /// opened by requests must not hold back events whose commits would succeed.
    /// </remarks>
    public async Task<CommitOutcome> CommitAsync()
    {
        var spans = published is null ? null : publisher.StartPublishSpans(published);
        long failedCondition;
        try
        {
            failedCondition = inboxCondition == 0
                ? await pipeline.ExecuteOnceAsync(_ => committer.CommitAsync(unit), CancellationToken.None)
                : await committer.CommitAsync(unit);
        }
        catch (Exception exception)
        {
            EndSpans(spans, exception.Message);
            throw;
        }
        EndSpans(spans, failedCondition == 0 ? null : "not committed: a condition failed");
        if (failedCondition == 0)
        {
            if (published is not null)
                publisher.Committed(published);
            if (onCommitted is not null)
            {
                foreach (var action in onCommitted)
                    action();
            }
            return CommitOutcome.Committed;
        }
        return failedCondition == inboxCondition ? CommitOutcome.AlreadyProcessed : CommitOutcome.Conflict;
    }

    /// <summary>Ends the publish spans; <paramref name="failure"/> marks them failed (nothing was published).</summary>
    private static void EndSpans(Activity?[]? spans, string? failure)
    {
        if (spans is null)
            return;
        foreach (var span in spans)
        {
            if (failure is not null)
                span?.SetStatus(ActivityStatusCode.Error, failure);
            span?.Dispose();
        }
    }

    private static long Milliseconds(TimeSpan duration) =>
        duration > TimeSpan.Zero ? (long)Math.Ceiling(duration.TotalMilliseconds) : throw new ArgumentOutOfRangeException(nameof(duration), "A time to live must be positive.");
}
