namespace TalentMesh.EventBus.Events;

/// <summary>
/// How the event serializers size the buffer each thread keeps for its next event (<see cref="ProtobufJson"/> for the
/// data, <see cref="RawJsonEventFormatter"/> for the envelope): grown from empty per event, a buffer doubled its way up
/// to the event's size and left every step behind as garbage.
/// </summary>
internal static class PerThreadBuffer
{
    /// <summary>Room for the events the services publish (~1 KB) without growing.</summary>
    public const int InitialCapacity = 4 * 1024;

    /// <summary>A buffer that grew past this (a rare huge event) is dropped rather than kept for the thread's life.</summary>
    public const int MaxRetainedCapacity = 64 * 1024;
}
