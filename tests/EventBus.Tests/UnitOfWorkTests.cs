using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>The unit of work's commit script against a real Redis: every write, every condition, the inbox guard.</summary>
public sealed class UnitOfWorkTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Commit_AppliesEveryKindOfWriteAndPublishesTheEvent()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.StringSetAsync(prefix + "doomed", "x");
        await Database.HashSetAsync(prefix + "hash", [new("gone", "1"), new("count", 5)]);

        var unit = host.UnitsOfWork.Begin();
        unit.Set(prefix + "plain", "value");
        unit.Set(prefix + "expiring", "value", TimeSpan.FromMinutes(5));
        unit.Increment(prefix + "counter", 3);
        unit.Delete(prefix + "doomed");
        unit.HashSet(prefix + "hash", new HashEntry("name", "ada"), new HashEntry("tier", "A"));
        unit.HashIncrement(prefix + "hash", "count", 2);
        unit.HashDelete(prefix + "hash", "gone");
        unit.SetAdd(prefix + "set", "m1");
        unit.SetAdd(prefix + "set", "m2");
        unit.SetRemove(prefix + "set", "m1");
        unit.SortedSetAdd(prefix + "zset", "talent-1", 42.5);
        unit.SortedSetAdd(prefix + "zset", "talent-2", 7);
        unit.SortedSetRemove(prefix + "zset", "talent-2");
        unit.Expire(prefix + "counter", TimeSpan.FromMinutes(1));
        unit.Write("RPUSH", prefix + "list", "a", "b");
        var eventId = unit.Publish(Sample("written", value: 9));

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        Assert.Equal("value", await Database.StringGetAsync(prefix + "plain"));
        Assert.InRange((await Database.KeyTimeToLiveAsync(prefix + "expiring"))!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.Equal(3, (long)await Database.StringGetAsync(prefix + "counter"));
        Assert.InRange((await Database.KeyTimeToLiveAsync(prefix + "counter"))!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.False(await Database.KeyExistsAsync(prefix + "doomed"));
        var hash = (await Database.HashGetAllAsync(prefix + "hash")).ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());
        Assert.Equal(new Dictionary<string, string> { ["name"] = "ada", ["tier"] = "A", ["count"] = "7" }, hash);
        Assert.Equal(["m2"], (await Database.SetMembersAsync(prefix + "set")).Select(member => member.ToString()));
        Assert.Equal(42.5, await Database.SortedSetScoreAsync(prefix + "zset", "talent-1"));
        Assert.Null(await Database.SortedSetScoreAsync(prefix + "zset", "talent-2"));
        Assert.Equal(["a", "b"], (await Database.ListRangeAsync(prefix + "list")).Select(item => item.ToString()));
        // Published by the commit itself (redis transport): on the topic when CommitAsync returns.
        Assert.Contains(eventId, (await Database.StreamRangeAsync(SampleTopic(prefix))).Single()["data"].ToString());
    }

    public static TheoryData<string> FailingConditions => ["absent", "present", "equals", "hash-equals", "hash-absent"];

    [Theory]
    [MemberData(nameof(FailingConditions))]
    public async Task Commit_ConditionDoesNotHold_ConflictAndNothingWritten(string condition)
    {
        var prefix = TopicPrefix("conflict-" + condition);
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.StringSetAsync(prefix + "version", "2");
        await Database.HashSetAsync(prefix + "talent", "version", "2");

        var unit = host.UnitsOfWork.Begin();
        unit.RequirePresent(prefix + "version");
        switch (condition)
        {
            case "absent": unit.RequireAbsent(prefix + "version"); break;
            case "present": unit.RequirePresent(prefix + "missing"); break;
            case "equals": unit.RequireEqual(prefix + "version", "1"); break;
            case "hash-equals": unit.RequireHashEqual(prefix + "talent", "version", "1"); break;
            case "hash-absent": unit.RequireHashEqual(prefix + "talent", "version", RedisValue.Null); break;
        }
        unit.Set(prefix + "version", "3");
        unit.Publish(Sample("lost"));

        Assert.Equal(CommitOutcome.Conflict, await unit.CommitAsync());
        Assert.Equal("2", await Database.StringGetAsync(prefix + "version"));
        await AssertOnlyPublishedAsync(host, prefix, "lost");
    }

    /// <summary>
    /// Commits a marker event after the unit under test: units publish in commit order (redis transport: in the commit
    /// itself), so had the unit's own event been published it would be on the topic before the marker.
    /// </summary>
    private async Task AssertOnlyPublishedAsync(BusHost host, string prefix, string neverPublished)
    {
        var marker = host.UnitsOfWork.Begin();
        marker.Publish(Sample("marker"));
        Assert.Equal(CommitOutcome.Committed, await marker.CommitAsync());
        var published = await Database.StreamRangeAsync(SampleTopic(prefix));
        var data = Assert.Single(published)["data"].ToString();
        Assert.Contains("\"marker\"", data);
        Assert.DoesNotContain($"\"{neverPublished}\"", data);
    }

    [Fact]
    public async Task Commit_EveryConditionHolds_Committed()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.StringSetAsync(prefix + "version", "2");
        await Database.HashSetAsync(prefix + "talent", "version", "2");

        var unit = host.UnitsOfWork.Begin();
        unit.RequireAbsent(prefix + "missing");
        unit.RequirePresent(prefix + "version");
        unit.RequireEqual(prefix + "version", "2");
        unit.RequireHashEqual(prefix + "talent", "version", "2");
        unit.RequireHashEqual(prefix + "talent", "tier", RedisValue.Null);
        unit.Set(prefix + "version", "3");
        unit.HashSet(prefix + "talent", new HashEntry("version", "3"));

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        Assert.Equal("3", await Database.StringGetAsync(prefix + "version"));
        Assert.Equal("3", await Database.HashGetAsync(prefix + "talent", "version"));
    }

    [Fact]
    public async Task CommitForEvent_SecondTime_AlreadyProcessedAndNothingWritten()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));

        var first = host.UnitsOfWork.BeginForEvent("event-1");
        first.Increment(prefix + "counter");
        var second = host.UnitsOfWork.BeginForEvent("event-1");
        second.Increment(prefix + "counter");
        second.Publish(Sample("follow-up"));

        Assert.Equal(CommitOutcome.Committed, await first.CommitAsync());
        Assert.Equal(CommitOutcome.AlreadyProcessed, await second.CommitAsync());
        Assert.Equal(1, (long)await Database.StringGetAsync(prefix + "counter"));
        Assert.NotNull(await Database.KeyTimeToLiveAsync(prefix + "producer:inbox:event-1"));
        await AssertOnlyPublishedAsync(host, prefix, "follow-up");
    }

    [Fact]
    public async Task Commit_AfterRedisForgotTheScript_LoadsItAgain()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        var warm = host.UnitsOfWork.Begin();
        warm.Increment(prefix + "counter");
        Assert.Equal(CommitOutcome.Committed, await warm.CommitAsync());

        // What a Redis restart or failover does to the script cache.
        await Database.ExecuteAsync("SCRIPT", "FLUSH");
        var unit = host.UnitsOfWork.Begin();
        unit.Increment(prefix + "counter");

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        Assert.Equal(2, (long)await Database.StringGetAsync(prefix + "counter"));
    }

    [Fact]
    public async Task Writes_WithNonPositiveTimeToLive_AreRejectedBeforeCommit()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        var unit = host.UnitsOfWork.Begin();

        Assert.Throws<ArgumentOutOfRangeException>(() => unit.Set(prefix + "k", "v", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => unit.Expire(prefix + "k", TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => unit.RequireEqual(prefix + "k", RedisValue.Null));
        Assert.Throws<ArgumentException>(() => unit.Write(" ", prefix + "k"));
    }

    [Fact]
    public async Task ConcurrentCommits_EachUnitStandsAlone_ConflictsDoNotStopOthers()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.StringSetAsync(prefix + "taken", "1");

        // Enough at once that the committer sends them in groups; every second one must fail its condition.
        var units = Enumerable.Range(0, 200).Select(i =>
        {
            var unit = host.UnitsOfWork.Begin();
            if (i % 2 == 0)
                unit.RequireAbsent(prefix + "taken");
            unit.Increment(prefix + "counter");
            unit.SetAdd(prefix + "members", i);
            return unit;
        }).ToList();
        var outcomes = await Task.WhenAll(units.Select(unit => unit.CommitAsync()));

        Assert.Equal(100, outcomes.Count(outcome => outcome == CommitOutcome.Conflict));
        Assert.Equal(100, outcomes.Count(outcome => outcome == CommitOutcome.Committed));
        Assert.Equal(100, (long)await Database.StringGetAsync(prefix + "counter"));
        var members = (await Database.SetMembersAsync(prefix + "members")).Select(member => (int)member).Order();
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i % 2 == 1), members);
    }

    public static TheoryData<string> FailingAtRunTime => ["write", "condition"];

    [Theory]
    [MemberData(nameof(FailingAtRunTime))]
    public async Task Commit_RedisErrorInOneUnit_ThatUnitThrowsTheOthersCommit(string failingStep)
    {
        var prefix = TopicPrefix("runtime-error-" + failingStep);
        await using var host = await BusHost.StartAsync(Producer(prefix));
        await Database.HashSetAsync(prefix + "hash", "field", "1");

        var broken = host.UnitsOfWork.Begin();
        if (failingStep == "condition")
            broken.RequireEqual(prefix + "hash", "1"); // GET on a hash: WRONGTYPE, a programming error
        broken.Set(prefix + "before-error", "written");
        broken.Increment(prefix + "hash"); // INCRBY on a hash: WRONGTYPE
        broken.Set(prefix + "after-error", "written");
        // Started together with the broken one, so that several of them share its script call.
        var healthy = Enumerable.Range(0, 40).Select(i =>
        {
            var unit = host.UnitsOfWork.Begin();
            unit.SetAdd(prefix + "healthy", i);
            return unit;
        }).ToList();
        var brokenCommit = broken.CommitAsync();
        var healthyCommits = healthy.Select(unit => unit.CommitAsync()).ToList();

        var error = await Assert.ThrowsAsync<CommitRefusedException>(() => brokenCommit);
        Assert.Contains("WRONGTYPE", error.Message);
        Assert.All(await Task.WhenAll(healthyCommits), outcome => Assert.Equal(CommitOutcome.Committed, outcome));
        Assert.Equal(40, await Database.SetLengthAsync(prefix + "healthy"));
        Assert.False(await Database.KeyExistsAsync(prefix + "after-error"));
        // All or nothing: the write's failure is found before the first write, so the write before it never happened.
        Assert.False(await Database.KeyExistsAsync(prefix + "before-error"));
    }

    [Fact]
    public async Task Writes_WithNullValues_AreRejectedBeforeCommit()
    {
        var prefix = TopicPrefix();
        await using var host = await BusHost.StartAsync(Producer(prefix));
        var unit = host.UnitsOfWork.Begin();

        Assert.Throws<ArgumentException>(() => unit.Set(prefix + "k", RedisValue.Null));
        Assert.Throws<ArgumentException>(() => unit.HashSet(prefix + "h", new HashEntry("field", RedisValue.Null)));
    }
}
