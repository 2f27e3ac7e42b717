using System.Diagnostics;
using System.Globalization;

namespace TalentMesh.Testing;

/// <summary>Unix signals to whole processes through kill(1): .NET sends only SIGKILL (<see cref="Process.Kill()"/>).</summary>
public static class ProcessSignals
{
    /// <summary>Sends <paramref name="signal"/> (a name such as STOP or CONT) to every process in one kill; fails when kill does.</summary>
    public static async Task SendAsync(string signal, IReadOnlyCollection<int> processIds)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", .. processIds.Select(id => id.ToString(CultureInfo.InvariantCulture))]))
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync(CancellationToken.None);
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {string.Join(' ', processIds)} exited with {kill.ExitCode}");
    }
}
