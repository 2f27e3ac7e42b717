using StackExchange.Redis;
using TalentMesh.Testing;

namespace TalentMesh.Load.Tests;

public sealed class ConsumerBacklogTests
{
    [Fact]
    public async Task TakeIntervalMax_CountsEachGroupsUndeliveredAndUnacknowledgedEntries()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var connection = await redis.ConnectAsync();
        var database = connection.GetDatabase();
        var prefix = TestKeys.Prefix("backlog");
        var stream = (RedisKey)(prefix + "talent.evaluated");
        // As the services do at start-up: a group per subscribing app, the stream made with it.
        await database.StreamCreateConsumerGroupAsync(stream, "registration.redis-transport", "$", createStream: true);
        await database.StreamCreateConsumerGroupAsync(stream, "redemption.redis-transport", "$", createStream: true);
        await database.StreamCreateConsumerGroupAsync(prefix + "talent.registered", "evaluation.redis-transport", "$", createStream: true);
        await database.StringSetAsync(prefix + "reg:talent:1", "not a stream");
        await using var backlog = await ConsumerBacklog.StartAsync(connection, prefix);

        for (var i = 0; i < 30; i++)
            await database.StreamAddAsync(stream, "data", i);
        await database.StreamAddAsync(prefix + "talent.registered", "data", 1);
        // Registration has read 20 and acknowledged 5 of them: 10 not delivered + 15 unacknowledged. Redemption has read
        // none: 30. Evaluation is 1 behind, below the threshold of the progress line.
        var read = await database.StreamReadGroupAsync(stream, "registration.redis-transport", "registration-1", ">", count: 20);
        await database.StreamAcknowledgeAsync(stream, "registration.redis-transport", [.. read.Take(5).Select(e => e.Id)]);

        const string expected = "consumer backlog: talent.evaluated→redemption 30, talent.evaluated→registration 25";
        var line = "";
        // A reading taken while the entries were added may still show in the first interval; later ones show the state.
        await Eventually.TrueAsync(() => (line = backlog.TakeIntervalMax()) == expected, TimeSpan.FromSeconds(15), "a reading after the set-up");
        Assert.Equal(expected, line);
    }

    [Fact]
    public async Task TakeIntervalMax_WithNoGroupBehind_SaysTheConsumersKeepUp()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var connection = await redis.ConnectAsync();
        var prefix = TestKeys.Prefix("backlog");
        await connection.GetDatabase().StreamCreateConsumerGroupAsync(prefix + "talent.evaluated", "registration.redis-transport", "$", createStream: true);
        await using var backlog = await ConsumerBacklog.StartAsync(connection, prefix);

        Assert.Equal("consumers keeping up", backlog.TakeIntervalMax());
    }
}
