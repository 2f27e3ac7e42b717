using System.ComponentModel;
using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>
/// A neighbour that streams memory on one core for a while (<c>dd if=/dev/zero of=/dev/null bs=32M</c>: every read
/// clears a 32 MiB buffer): a slow evening of this VM on demand. On such evenings the memory's latency rose and the
/// mesh's young collections lengthened (docs/benchmarks.md, "Sessions 21 and 26"); a neighbour taking cores alone was
/// absorbed (session 22), this one was not (session 26). It raises the odds of a spell rather than setting one off:
/// in session 28 the mesh absorbed it in three runs of five, so what one run says is whether it tipped the mesh.
/// </summary>
public static class MemoryStreamingNeighbour
{
    public const string What = "a memory-streaming neighbour (dd, one core)";

    /// <summary>Runs the neighbour for <paramref name="duration"/> from now, and says when it ran.</summary>
    public static async Task<Disturbance> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var neighbour = Start();
        var from = Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(duration, cancellationToken);
            // A neighbour that ended on its own disturbed nothing: say so rather than report a disturbance.
            if (neighbour.HasExited)
                throw new InvalidOperationException($"dd ended by itself ({neighbour.ExitCode}): {await neighbour.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }
        finally
        {
            if (!neighbour.HasExited)
                neighbour.Kill();
            await neighbour.WaitForExitAsync(CancellationToken.None);
        }
        return new Disturbance(What, from, Stopwatch.GetTimestamp());
    }

    private static Process Start()
    {
        try
        {
            return Process.Start(new ProcessStartInfo("dd", ["if=/dev/zero", "of=/dev/null", "bs=32M"])
            {
                RedirectStandardError = true, // why dd ended, if it ends by itself; killed, it prints nothing
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("dd did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("dd was not found; it comes with coreutils: apt-get install -y coreutils", e);
        }
    }
}
