namespace TalentMesh.Testing;

/// <summary>Poll-with-deadline: waits for a condition instead of sleeping a guessed amount of time.</summary>
public static class Eventually
{
    /// <param name="longestPause">
    /// The pauses between polls double from 10 ms up to this (200 ms unless given): a drill that acts the moment the
    /// condition holds gives a shorter one.
    /// </param>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? longestPause = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var longest = longestPause ?? TimeSpan.FromMilliseconds(200);
        var delay = TimeSpan.FromMilliseconds(Math.Min(10, longest.TotalMilliseconds));
        while (true)
        {
            if (await condition())
                return;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s: {because}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, longest.TotalMilliseconds));
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);
}
