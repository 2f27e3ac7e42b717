namespace TalentMesh.EventBus.Handling;

/// <summary>Thrown when an optimistic-concurrency check lost a race; the event is delivered again.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
