using System.Collections.Concurrent;
using System.Diagnostics;
using TalentMesh.Shared;
using StackExchange.Redis;

namespace TalentMesh.Testing;

/// <summary>
/// A real redis-server process on a free loopback port with a private data directory. It can be stopped and
/// started again on the same port, which is how tests take Redis down and bring it back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("talentmesh-redis-").FullName;
    private Process? process;

    public int Port { get; } = LoopbackPorts.FindFree();

    /// <summary>
    /// AOF with <c>appendfsync always</c>: every acknowledged write is on disk before Redis answers, so a SIGKILL loses
    /// nothing that was acknowledged (the Redis crash drill). Off by default: no persistence, fastest tests.
    /// </summary>
    public bool AppendOnlyFsyncAlways { get; init; }

    /// <summary>The running server's process id (e.g. to pause it with SIGSTOP: a Redis that stops answering without closing connections).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    public static async Task<RedisServer> StartNewAsync(bool appendOnlyFsyncAlways = false)
    {
        var server = new RedisServer { AppendOnlyFsyncAlways = appendOnlyFsyncAlways };
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(RedisExecutable.Find())
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "",
                "--appendonly", AppendOnlyFsyncAlways ? "yes" : "no", "--appendfsync", AppendOnlyFsyncAlways ? "always" : "everysec",
                "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new ConcurrentQueue<string>();
        var started = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process = started;
        started.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        started.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        // A server that cannot start (port taken meanwhile, bad data directory) exits at once: say why instead of
        // waiting out the deadline. A PING counts only while this server holds the port: if another process took the
        // port meanwhile, it may answer PING before this one has exited.
        await Eventually.TrueAsync(async () => started.HasExited
                ? throw new InvalidOperationException($"redis-server exited with {started.ExitCode} on port {Port}: {string.Join(" | ", output)}")
                : await AnswersPingAsync() && LoopbackPorts.IsListeningOn(started.Id, Port),
            TimeSpan.FromSeconds(10), "redis-server did not answer PING");
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

    /// <summary>
    /// SIGSTOP: the server stops answering while its connections stay open — a stall, the hardest kind of unreachable
    /// (nothing is refused, every command just waits). <see cref="ResumeAsync"/> lets it go on where it was.
    /// </summary>
    public Task PauseAsync() => ProcessSignals.SendAsync("STOP", [ProcessId]);

    /// <summary>SIGCONT after <see cref="PauseAsync"/>: the server answers again, including what queued meanwhile.</summary>
    public Task ResumeAsync() => ProcessSignals.SendAsync("CONT", [ProcessId]);

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
        // Restarted on its AOF (the crash drill), the server answers LOADING until the data set is back in memory.
        catch (RedisServerException loading) when (loading.Message.StartsWith("LOADING", StringComparison.Ordinal))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
