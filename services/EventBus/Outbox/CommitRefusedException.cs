namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// A unit of work was refused before its first write because the data in Redis would have made a write fail (a key of
/// another type, an increment of a non-integer or past 64 bits). Nothing was written: no state, no inbox marker, no event.
/// An <see cref="InvalidOperationException"/>, as the run-time failure it replaces was.
/// </summary>
public sealed class CommitRefusedException(string reason)
    : InvalidOperationException($"The unit of work was refused and nothing was written: {reason}")
{
    public string Reason { get; } = reason;
}
