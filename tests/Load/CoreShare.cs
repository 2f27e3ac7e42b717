namespace TalentMesh.Load;

/// <summary>
/// How the fixed loop ran on every core at once against one loop alone (<see cref="CoreShareProbe"/>).
/// </summary>
/// <param name="Alone">The median run of one loop alone.</param>
/// <param name="Together">Each core's median run while every core ran the loop.</param>
public sealed record CoreShare(TimeSpan Alone, IReadOnlyList<TimeSpan> Together)
{
    /// <summary>The slowest core's median run over one loop alone's: 1.0 when every core is the guest's own.</summary>
    public double Ratio => Together.Max().TotalMilliseconds / Alone.TotalMilliseconds;

    /// <summary>
    /// Above this the cores slowed each other down: a few per cent is the timer's and the meter's own noise; two
    /// hyperthreads of one physical core run such a loop ~1.3–2× slower together.
    /// </summary>
    public const double SharedAbove = 1.1;

    public bool Shared => Ratio > SharedAbove;
}
