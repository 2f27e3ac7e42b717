namespace TalentMesh.EventBus.Handling;

/// <summary>Thrown by a handler for an event that can never be processed (fails validation); the event is dead-lettered.</summary>
public sealed class PoisonEventException(string message, Exception? inner = null) : Exception(message, inner);
