namespace TalentMesh.Load;

/// <summary>
/// A background loop for the load program's samplers: runs its tick at once (the first reading is the baseline), then
/// once per period, until disposed. Dispose waits for the tick under way.
/// </summary>
public sealed class PeriodicLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public PeriodicLoop(TimeSpan period, Func<CancellationToken, Task> tick) => loop = RunAsync(period, tick);

    private async Task RunAsync(TimeSpan period, Func<CancellationToken, Task> tick)
    {
        using var timer = new PeriodicTimer(period);
        do
        {
            await tick(stop.Token).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
