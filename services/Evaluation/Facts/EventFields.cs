using Google.Protobuf.WellKnownTypes;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.Evaluation.Facts;

/// <summary>Checks shared by the handlers: a malformed event is poison (dead-lettered), never half-applied.</summary>
internal static class EventFields
{
    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 128 ? throw new PoisonEventException($"{field} is missing or too long") : value;

    /// <summary>When the decision was made: the event's occurred_at, which orders decisions about one credential.</summary>
    public static DateTimeOffset OccurredAt(Timestamp? occurredAt, EventContext context)
    {
        if (occurredAt is not null)
        {
            try
            {
                return occurredAt.ToDateTimeOffset();
            }
            catch (InvalidOperationException)
            {
                throw new PoisonEventException("occurred_at is not a valid timestamp");
            }
        }
        return context.Time ?? throw new PoisonEventException("occurred_at is missing");
    }
}
