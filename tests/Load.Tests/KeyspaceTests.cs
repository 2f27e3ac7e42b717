using TalentMesh.Testing;

namespace TalentMesh.Load.Tests;

public sealed class KeyspaceTests
{
    [Fact]
    public void DoublingsBetween_NamesEachPowerOfTwoReachedInEitherTable()
    {
        var crossed = KeyCount.DoublingsBetween(new KeyCount(200_000, 70_000), new KeyCount(600_000, 140_000));

        Assert.Equal(["262,144 keys", "524,288 keys", "131,072 keys with a TTL"], crossed);
    }

    [Fact]
    public void DoublingsBetween_WithinOneTableSize_IsEmpty()
    {
        // The default prefill: past 2^20 keys and 2^19 with a TTL, a run's keys stay below the next doubling.
        Assert.Empty(KeyCount.DoublingsBetween(new KeyCount(1_200_000, 600_000), new KeyCount(1_900_000, 900_000)));
        // A table reaching exactly 2^n entries doubles.
        Assert.Equal(["1,048,576 keys"], KeyCount.DoublingsBetween(new KeyCount(1_000_000, 0), new KeyCount(1_048_576, 0)));
    }

    [Fact]
    public async Task FillAsync_WritesTheKeysOutsideEveryMeshPrefix_HalfWithATtl()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var connection = await redis.ConnectAsync();
        await connection.GetDatabase().StringSetAsync(TestKeys.Prefix("keyspace") + "talent:1", "a mesh's key");

        await KeyspaceFiller.FillAsync(connection, 25_001, TestContext.Current.CancellationToken);

        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        var counted = await KeyCount.ReadAsync(admin.GetServers()[0]);
        Assert.Equal(new KeyCount(25_002, 12_501), counted);
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(KeyspaceFiller.KeyPrefix + "0");
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(9), TimeSpan.FromDays(10));
        Assert.Null(await connection.GetDatabase().KeyTimeToLiveAsync(KeyspaceFiller.KeyPrefix + "1"));
    }
}
