using System.Collections.Concurrent;

namespace TalentMesh.Redemption.Budgets;

/// <summary>
/// Serialises budget reservations of one policy inside this process. Correctness does not rest on it (every
/// reservation commits only if the usage it read is unchanged); it keeps hundreds of concurrent final approvals of
/// one policy from all reading the same usage and all but one losing the race, over and over.
/// </summary>
public sealed class PolicyLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string policyId, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(policyId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                gate.Release();
        }
    }
}
