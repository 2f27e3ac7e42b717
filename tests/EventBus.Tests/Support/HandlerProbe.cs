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

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CountFor(string key) => Invocations.Count(invocation => invocation.Key == key);
}
