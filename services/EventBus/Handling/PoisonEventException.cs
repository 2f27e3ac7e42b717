namespace TalentMesh.EventBus.Handling;

/// <summary>Thrown by a handler for an event that can never be processed (fails validation); the event is dead-lettered.</summary>
public sealed class PoisonEventException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Thrown when an optimistic-concurrency check lost a race; the event is delivered again.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
