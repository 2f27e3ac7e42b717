namespace TalentMesh.EventBus.Handling;

/// <summary>What a delivery attempt came to; the transports map it (Dapr: SUCCESS / RETRY / DROP).</summary>
public enum DeliveryOutcome
{
    /// <summary>Handled (or handled before): acknowledge.</summary>
    Success,

    /// <summary>A transient failure: deliver again later.</summary>
    Retry,

    /// <summary>Poison (cannot be parsed or fails validation): retrying cannot help; dead-letter it.</summary>
    Drop,
}
