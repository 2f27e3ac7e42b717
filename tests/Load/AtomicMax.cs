namespace TalentMesh.Load;

/// <summary>Raises a shared value to at least a new one, whichever thread gets there first (a compare-and-swap loop).</summary>
public static class AtomicMax
{
    public static void Raise(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
