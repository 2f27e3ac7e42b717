namespace TalentMesh.EventBus.Handling;

/// <summary>
/// Thrown when an optimistic-concurrency check lost a race. Nothing was committed: the dispatcher runs the handler
/// again in process on freshly read state (<see cref="EventBusOptions.ConflictRetries"/> times, with a jittered
/// backoff), and only then leaves the event for redelivery.
/// </summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
