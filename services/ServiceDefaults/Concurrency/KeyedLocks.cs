namespace TalentMesh.ServiceDefaults.Concurrency;

/// <summary>
/// One async lock per key inside this process, for work that would otherwise lose optimistic races against itself.
/// A key's lock exists only while someone holds or waits for it (<see cref="SharedByKey{TValue}"/>), so locks keyed
/// by talent do not pile up.
/// </summary>
public abstract class KeyedLocks
{
    private readonly SharedByKey<SemaphoreSlim> locks = new(static () => new SemaphoreSlim(1, 1));

    /// <summary>Live locks (for tests: released ones leave nothing behind).</summary>
    public int Count => locks.Count;

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var lease = locks.Acquire(key);
        try
        {
            await lease.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        return new Held(lease);
    }

    private sealed class Held(SharedByKey<SemaphoreSlim>.Lease lease) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
                return;
            lease.Value.Release();
            lease.Dispose();
        }
    }
}
