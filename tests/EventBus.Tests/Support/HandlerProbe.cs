using System.Collections.Concurrent;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>What the sample handler saw, and how the test wants it to behave, per test.</summary>
public sealed class HandlerProbe
{
    public ConcurrentQueue<(string EventId, string Key, int Attempt)> Invocations { get; } = new();

    /// <summary>Keys whose handling always throws (a transient failure that never heals).</summary>
    public HashSet<string> FailingKeys { get; } = [];

    /// <summary>When set, the handler waits here before committing (to die "mid-handler").</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Keys the <see cref="Gate"/> holds back; empty: every key.</summary>
    public HashSet<string> GatedKeys { get; } = [];

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when the handler's cancellation token fired while it waited at the gate.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CountFor(string key) => Invocations.Count(invocation => invocation.Key == key);

    public bool IsGated(string key) => Gate is not null && (GatedKeys.Count == 0 || GatedKeys.Contains(key));
}
