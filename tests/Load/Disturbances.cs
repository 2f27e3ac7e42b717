using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>What <c>--disturbance</c> does to the machine during the window.</summary>
public enum DisturbanceKind
{
    /// <summary><see cref="MemoryStreamingNeighbour"/>.</summary>
    Memory,

    /// <summary><see cref="MeshFreeze"/>.</summary>
    Freeze,
}

/// <summary>A span of the run in which something was done to the machine on purpose (Stopwatch timestamps).</summary>
public sealed record Disturbance(string What, long From, long To);

/// <summary>Starts the run's disturbance (<see cref="LoadOptions.Disturbance"/>) at its moment of the window.</summary>
public static class Disturbances
{
    /// <summary>Waits until <see cref="LoadOptions.DisturbanceAt"/> after <paramref name="windowStart"/>, then runs the disturbance.</summary>
    public static async Task<Disturbance> RunAsync(LoadOptions options, IReadOnlyList<WatchedProcess> mesh, long windowStart, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowStart) + options.DisturbanceAt;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, cancellationToken);
        return options.DisturbanceKind switch
        {
            DisturbanceKind.Freeze => await MeshFreeze.RunAsync(mesh.Select(process => process.ProcessId).ToList(), options.Disturbance, cancellationToken),
            _ => await MemoryStreamingNeighbour.RunAsync(options.Disturbance, cancellationToken),
        };
    }
}
