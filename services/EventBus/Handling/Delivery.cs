namespace TalentMesh.EventBus.Handling;

/// <summary>A delivery attempt's outcome, with the reason when the event is dropped (written beside its dead letter).</summary>
public readonly record struct Delivery(DeliveryOutcome Outcome, string? Reason = null)
{
    public static Delivery Success { get; } = new(DeliveryOutcome.Success);
    public static Delivery Retry { get; } = new(DeliveryOutcome.Retry);
    public static Delivery Drop(string reason) => new(DeliveryOutcome.Drop, reason);
}
