using System.Diagnostics;
using StackExchange.Redis;

namespace TalentMesh.Testing;

/// <summary>
/// A real redis-server process on a free loopback port with a private data directory. It can be stopped and
/// started again on the same port, which is how tests take Redis down and bring it back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string InstallHint =
        "redis-server was not found on PATH. Install it: sudo apt-get update && sudo apt-get install -y redis-server " +
        "(or run ./scripts/test.sh, which installs it).";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("talentmesh-redis-").FullName;
    private Process? process;

    public int Port { get; } = LoopbackPorts.FindFree();

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(InstallHint);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(AnswersPingAsync, TimeSpan.FromSeconds(10), "redis-server did not answer PING");
    }

    /// <summary>Kills the server (SIGKILL: as abrupt as a crash) and waits until the port is closed.</summary>
    public async Task StopAsync()
    {
        if (process is null)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
