namespace TalentMesh.EventBus.Outbox;

/// <summary>Wakes the relay the moment this process commits events, so latency is not bounded by a poll interval.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Notify()
    {
        // A single pending wake-up is enough: the relay drains everything it finds.
        if (pending.CurrentCount == 0)
        {
            try { pending.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pending.WaitAsync(timeout, cancellationToken);
}
