using StackExchange.Redis;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>
/// A read-modify-write handler guarded by a version, as real projections are: it reads the version of the event key's
/// hash, appends the event's value to it and commits only if the version is unchanged. Its first
/// <see cref="RaceProbe.Racers"/> runs wait for each other after reading, so they all read the same version and all but
/// one commit lose the race.
/// </summary>
public sealed class RacingHandler(RaceProbe probe, IConnectionMultiplexer redis, RedisKeyspace keyspace) : IIntegrationEventHandler<SampleHappened>
{
    public async Task HandleAsync(SampleHappened @event, EventContext context, CancellationToken cancellationToken)
    {
        var state = keyspace.Key("race", @event.Key);
        var version = await redis.GetDatabase().HashGetAsync(state, "version");
        await probe.ReadAsync(cancellationToken);
        var unit = context.BeginUnitOfWork();
        unit.RequireHashEqual(state, "version", version);
        unit.HashSet(state, new HashEntry("version", version.IsNull ? 1 : (long)version + 1));
        unit.Write("RPUSH", keyspace.Key("race-applied", @event.Key), @event.Value);
        await EventContext.CommitAsync(unit);
    }
}

/// <summary>Holds the first <see cref="Racers"/> handler runs after their read until all of them have read.</summary>
public sealed class RaceProbe(int racers)
{
    private readonly TaskCompletionSource allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reads;

    public int Racers { get; } = racers;

    /// <summary>Handler runs so far, first runs and re-runs.</summary>
    public int Runs => Volatile.Read(ref reads);

    public Task ReadAsync(CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref reads);
        if (read > Racers)
            return Task.CompletedTask;
        if (read == Racers)
            allRead.TrySetResult();
        return allRead.Task.WaitAsync(cancellationToken);
    }
}
