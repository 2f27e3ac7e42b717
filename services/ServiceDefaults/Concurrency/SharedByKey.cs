using System.Collections.Concurrent;

namespace TalentMesh.ServiceDefaults.Concurrency;

/// <summary>
/// One value per key, shared by everyone holding a lease on it and removed when the last lease ends: per-talent state
/// (a lock, a watchers' wake-up) lives only while in use, instead of one entry per talent ever seen.
/// </summary>
public sealed class SharedByKey<TValue>(Func<TValue> create) where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Keys with a live lease (for tests: ended leases leave nothing behind).</summary>
    public int Count => entries.Count;

    /// <summary>Takes a lease on the key's value, creating it if nobody holds one; dispose the lease when done.</summary>
    public Lease Acquire(string key)
    {
        while (true)
        {
            var entry = entries.GetOrAdd(key, static (_, make) => new Entry(make()), create);
            lock (entry)
            {
                if (entry.Removed)
                    continue; // the last holder left between GetOrAdd and here and removed it: take a fresh one
                entry.Holders++;
            }
            return new Lease(this, key, entry);
        }
    }

    /// <summary>The key's value if someone holds a lease on it; a lookup that allocates nothing.</summary>
    public bool TryGet(string key, out TValue value)
    {
        var found = entries.TryGetValue(key, out var entry);
        value = entry?.Value!;
        return found;
    }

    private void Leave(string key, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Holders > 0)
                return;
            entry.Removed = true;
        }
        entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    internal sealed class Entry(TValue value)
    {
        public TValue Value { get; } = value;
        public int Holders { get; set; }
        public bool Removed { get; set; }
    }

    /// <summary>A hold on one key's value; ending it twice counts once.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly SharedByKey<TValue> owner;
        private readonly string key;
        private readonly Entry entry;
        private int ended;

        internal Lease(SharedByKey<TValue> owner, string key, Entry entry) => (this.owner, this.key, this.entry) = (owner, key, entry);

        public TValue Value => entry.Value;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
                owner.Leave(key, entry);
        }
    }
}
