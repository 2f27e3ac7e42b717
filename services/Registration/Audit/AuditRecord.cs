using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Security;

namespace TalentMesh.Registration.Audit;

/// <summary>Builds audit entries; values passed in must already be masked where personal.</summary>
public static class AuditRecord
{
    /// <summary>The actor recorded for changes an event caused rather than a person.</summary>
    public static readonly Caller System = new("system", "system");

    public static AuditEntry Of(Caller actor, string action, string talentId, DateTimeOffset at, string credentialId = "",
        IReadOnlyDictionary<string, string>? before = null, IReadOnlyDictionary<string, string>? after = null)
    {
        var entry = new AuditEntry
        {
            TalentId = talentId,
            CredentialId = credentialId,
            Actor = actor.Subject,
            ActorRole = actor.Role,
            Action = action,
            OccurredAt = Timestamp.FromDateTimeOffset(at),
        };
        foreach (var (field, value) in before ?? new Dictionary<string, string>())
            entry.Before[field] = value;
        foreach (var (field, value) in after ?? new Dictionary<string, string>())
            entry.After[field] = value;
        return entry;
    }
}
