namespace TalentMesh.Cli.Demo;

/// <summary>
/// Waits for an event-driven result by asking again until it shows or the deadline passes — never a fixed sleep:
/// the answer is taken the moment it is there.
/// </summary>
public sealed class Poll(TimeSpan deadline, CancellationToken cancellationToken)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public TimeSpan Deadline { get; } = deadline;

    public async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, Func<T, string>? describe = null)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (DateTime.UtcNow - started > Deadline)
                throw new DemoFailure($"{what}: not reached within {Deadline.TotalSeconds:0} s (last seen: {describe?.Invoke(value) ?? value?.ToString() ?? "nothing"})");
            await Task.Delay(Interval, cancellationToken);
        }
    }
}
