using System.Collections.Concurrent;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Tests.Protos;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Records when each run of an event key starts and ends; the first run of <see cref="OrderProbe.HeldKey"/> waits for the test's gate.</summary>
public sealed class OrderedHandler(OrderProbe probe) : IIntegrationEventHandler<SampleHappened>
{
    public async Task HandleAsync(SampleHappened @event, EventContext context, CancellationToken cancellationToken)
    {
        probe.Log.Enqueue($"enter {@event.Key}");
        if (@event.Key == probe.HeldKey && Interlocked.Exchange(ref probe.HeldOnce, 1) == 0)
        {
            probe.Held.TrySetResult();
            await probe.Gate.Task.WaitAsync(cancellationToken);
        }
        probe.Log.Enqueue($"exit {@event.Key}");
        if (@event.Key != probe.HeldKey)
            probe.OtherDone.TrySetResult();
    }
}

public sealed class OrderProbe(string heldKey)
{
    public string HeldKey { get; } = heldKey;

    public int HeldOnce;

    public ConcurrentQueue<string> Log { get; } = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource OtherDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The held key's first run has entered and waits at the gate.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
