using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>
/// Redis does not roll a Lua script back when a write fails, so a unit of work must find every data-dependent failure
/// before its first write: then it writes nothing, sets no inbox marker and publishes no event.
/// </summary>
public sealed class AllOrNothingTests(RedisServerFixture redis) : BusTestBase(redis)
{
    public static TheoryData<string> DataThatBreaksAWrite =>
    [
        "increment-a-hash", "increment-text", "increment-overflow", "decrement-underflow", "hash-increment-text", "hash-increment-a-string",
        "hash-set-a-string", "set-add-a-hash", "sorted-set-add-a-set", "list-push-a-zset", "stream-add-a-list",
        "same-unit-text-then-increment", "same-unit-hash-then-set-add",
    ];

    [Theory]
    [MemberData(nameof(DataThatBreaksAWrite))]
    public async Task CommitForEvent_WriteWouldFailOnTheData_NothingWrittenNoMarkerNoEvent(string data)
    {
        var prefix = TopicPrefix("all-or-nothing-" + data);
        await using var host = await BusHost.StartAsync(Producer(prefix));
        RedisKey target = prefix + "target";
        var unit = host.UnitsOfWork.BeginForEvent("event-" + data);
        unit.Set(prefix + "before", "written");
        switch (data)
        {
            case "increment-a-hash":
                await Database.HashSetAsync(target, "f", "1");
                unit.Increment(target);
                break;
            case "increment-text":
                await Database.StringSetAsync(target, "twelve");
                unit.Increment(target);
                break;
            case "increment-overflow":
                await Database.StringSetAsync(target, long.MaxValue - 1);
                unit.Increment(target, 2);
                break;
            case "decrement-underflow":
                await Database.StringSetAsync(target, long.MinValue + 1);
                unit.Increment(target, -2);
                break;
            case "hash-increment-text":
                await Database.HashSetAsync(target, "count", "many");
                unit.HashIncrement(target, "count");
                break;
            case "hash-increment-a-string":
                await Database.StringSetAsync(target, "1");
                unit.HashIncrement(target, "count");
                break;
            case "hash-set-a-string":
                await Database.StringSetAsync(target, "1");
                unit.HashSet(target, new HashEntry("f", "v"));
                break;
            case "set-add-a-hash":
                await Database.HashSetAsync(target, "f", "1");
                unit.SetAdd(target, "m");
                break;
            case "sorted-set-add-a-set":
                await Database.SetAddAsync(target, "m");
                unit.SortedSetAdd(target, "m", 1);
                break;
            case "list-push-a-zset":
                await Database.SortedSetAddAsync(target, "m", 1);
                unit.Write("RPUSH", target, "x");
                break;
            case "stream-add-a-list":
                await Database.ListRightPushAsync(target, "x");
                unit.Write("XADD", target, "*", "f", "v");
                break;
            case "same-unit-text-then-increment":
                unit.Set(target, "not a number");
                unit.Increment(target);
                break;
            case "same-unit-hash-then-set-add":
                unit.HashSet(target, new HashEntry("f", "v"));
                unit.SetAdd(target, "m");
                break;
        }
        unit.Set(prefix + "after", "written");
        unit.Publish(Sample("lost"));

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(unit.CommitAsync);

        Assert.Contains("nothing was written", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(await Database.KeyExistsAsync(prefix + "before"));
        Assert.False(await Database.KeyExistsAsync(prefix + "after"));
        Assert.False(await Database.KeyExistsAsync(prefix + "producer:inbox:event-" + data));
        Assert.False(await Database.KeyExistsAsync(SampleTopic(prefix)));
    }

    [Fact]
    public async Task Commit_IncrementsThatFit_Committed()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.StringSetAsync(prefix + "near-max", long.MaxValue - 10);
        await Database.HashSetAsync(prefix + "hash", "count", "-5");
        await Database.StringSetAsync(prefix + "near-min", long.MinValue + 3);

        var unit = host.UnitsOfWork.Begin();
        unit.Increment(prefix + "near-max", 10);
        unit.Set(prefix + "fresh", "40");
        unit.Increment(prefix + "fresh", 2);
        unit.HashIncrement(prefix + "hash", "count", 7);
        unit.Increment(prefix + "near-min", -1);
        unit.Increment(prefix + "near-min", -2); // exactly long.MinValue, tracked through the unit's own writes
        unit.Delete(prefix + "near-max");
        unit.SetAdd(prefix + "near-max", "now a set"); // deleted earlier in the unit, so any type may follow

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        Assert.Equal(42, (long)await Database.StringGetAsync(prefix + "fresh"));
        Assert.Equal(2, (long)await Database.HashGetAsync(prefix + "hash", "count"));
        Assert.True(await Database.SetContainsAsync(prefix + "near-max", "now a set"));
        Assert.Equal(long.MinValue, (long)await Database.StringGetAsync(prefix + "near-min"));
    }

    [Fact]
    public async Task Write_CommandsWhoseFailureCannotBeRuledOut_RefusedWhenRecorded()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        var unit = host.UnitsOfWork.Begin();

        unit.Write("XADD", prefix + "feed", "MAXLEN", "~", 100, "*", "id", "n-1");
        unit.Write("RPUSH", prefix + "list", "a");
        unit.Write("PUBLISH", prefix + "channel", "n-1");
        Assert.Throws<ArgumentException>(() => unit.Write("XADD", prefix + "feed", "5-1", "id", "n-2")); // explicit id: Redis may refuse it
        Assert.Throws<ArgumentException>(() => unit.Write("LSET", prefix + "list", 7, "x")); // index out of range depends on the data
        Assert.Throws<ArgumentException>(() => unit.Write("SET", prefix + "k", "v", "GET"));
        Assert.Throws<ArgumentException>(() => unit.Write("INCRBY", prefix + "k", "ten"));

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        Assert.Equal(1, await Database.StreamLengthAsync(prefix + "feed"));
        Assert.Equal(1, await Database.ListLengthAsync(prefix + "list"));
    }

    [Fact]
    public async Task Handler_CommitRefusedByTheData_EventStaysRedeliverableAndLandsOnceFixed()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        // The handler's INCRBY meets a hash: with today's data its commit can never land.
        await Database.HashSetAsync(prefix + "consumer:total:blocked", "f", "1");
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { MaxDeliveries = 50 });

        await producer.PublishAsync(Sample("blocked", value: 6));
        await Eventually.TrueAsync(() => probe.CountFor("blocked") >= 2, Deadline, "the refused commit is retried");
        await Database.KeyDeleteAsync(prefix + "consumer:total:blocked");

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "blocked") == 6, Deadline, "the redelivery lands once the data allows it");
        Assert.Equal(0, await Database.StreamLengthAsync(SampleTopic(prefix) + ".deadletter"));
    }
}
