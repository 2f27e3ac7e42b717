using System.Collections.Concurrent;

namespace TalentMesh.Redemption.Concurrency;

/// <summary>
/// One async lock per key inside this process, for work that would otherwise lose optimistic races against itself.
/// A key's lock exists only while someone holds or waits for it, so locks keyed by talent do not pile up.
/// </summary>
public abstract class KeyedLocks
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Live locks (for tests: released ones leave nothing behind).</summary>
    public int Count => entries.Count;

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                    continue; // the last user left between GetOrAdd and here and removed it: take a fresh one
                entry.Users++;
            }
            try
            {
                await entry.Gate.WaitAsync(cancellationToken);
            }
            catch
            {
                Leave(key, entry);
                throw;
            }
            return new Lease(this, key, entry);
        }
    }

    private void Leave(string key, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Users > 0)
                return;
            entry.Removed = true;
        }
        entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
        public bool Removed { get; set; }
    }

    private sealed class Lease(KeyedLocks locks, string key, Entry entry) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
                return;
            entry.Gate.Release();
            locks.Leave(key, entry);
        }
    }
}
