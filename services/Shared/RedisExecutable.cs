namespace TalentMesh.Shared;

/// <summary>
/// Where redis-server is, for the AppHost and the test fixture alike (linked into both: they share no project, and
/// the AppHost must not reference test code). Debian puts it in /usr/bin, which a minimal PATH may lack.
/// </summary>
internal static class RedisExecutable
{
    public const string InstallHint =
        "redis-server was not found on PATH. Install it: sudo apt-get update && sudo apt-get install -y redis-server " +
        "(./scripts/run.sh and ./scripts/test.sh install it for you).";

    /// <summary>The full path of redis-server; throws with <see cref="InstallHint"/> when it is not installed.</summary>
    public static string Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(InstallHint);
}
