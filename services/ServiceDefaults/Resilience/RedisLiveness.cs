namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// Whether redis-server itself answers, as <see cref="RedisLivenessProbe"/>'s PINGs on a connection of their own see it.
/// The circuit breaker counts a request's timed-out attempt as a Redis failure only while Redis does not answer them:
/// on a saturated host a request also waits in the service's own queues (the shared connection's backlog, the thread
/// pool), and counting that wait opened the circuit on a Redis that answered in microseconds — an overload became a
/// flood of UNAVAILABLE (the load program at 300 workflows/s on a busy machine: 44,576 errors, docs/design.md).
/// </summary>
public sealed class RedisLiveness(int missesToUnresponsive)
{
    private int misses;

    /// <summary>False once <c>missesToUnresponsive</c> PINGs in a row went unanswered; true again at the next answer.</summary>
    public bool Answering => Volatile.Read(ref misses) < missesToUnresponsive;

    /// <summary>A PING was answered in time; returns whether this ended a stretch of silence.</summary>
    internal bool Answered() => Interlocked.Exchange(ref misses, 0) >= missesToUnresponsive;

    /// <summary>A PING went unanswered; returns whether this one made Redis count as not answering.</summary>
    internal bool Missed() => Interlocked.Increment(ref misses) == missesToUnresponsive;
}
