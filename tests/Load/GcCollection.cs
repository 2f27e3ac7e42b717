namespace TalentMesh.Load;

/// <summary>
/// One garbage collection of a service as its runtime reported it (<see cref="GcEventListener"/>): when it ended (UTC),
/// its generation, how many heaps DATAS had at the time, how long the service was stopped (from the suspension's start
/// to the restart's end), how much of that went to bringing every thread to a stop (from the suspension's start to its
/// end: threads that wait for a core reach their safe point late) and how many MB survived gen 0 — what the rest of a
/// young pause mostly costs (docs/benchmarks.md, "Session 23").
/// A background gen-2 collection is recorded at its first stop, with the survivors of the collection before it: its own
/// figures come when it ends, while the service runs.
/// </summary>
public readonly record struct GcCollection(DateTime EndedUtc, int Generation, int Heaps, double PauseMs, double SuspendMs, double SurvivedGen0Mb);
