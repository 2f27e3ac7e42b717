using StackExchange.Redis;
using Xunit;

namespace TalentMesh.Testing;

/// <summary>
/// One redis-server for a test assembly (declare it with [assembly: AssemblyFixture(typeof(RedisServerFixture))]).
/// Tests share the server but never keys: each takes its own prefix from <see cref="TestKeys"/>.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? server;
    private ConnectionMultiplexer? connection;

    public RedisServer Server => server ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A connection for assertions and set-up, shared by the tests.</summary>
    public IConnectionMultiplexer Connection => connection ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        server = await RedisServer.StartNewAsync();
        connection = await server.ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
            await connection.DisposeAsync();
        if (server is not null)
            await server.DisposeAsync();
    }
}
