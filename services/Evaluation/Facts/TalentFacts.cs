using System.Text.Json.Serialization;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// The facts projection of one talent: the registration and every credential decision seen, each kept with the time
/// it was decided. Applying an event returns the new state, or null when the event changes nothing (a duplicate, or
/// older than what is known: reordered events never let an older decision overwrite a newer one).
/// </summary>
public sealed record TalentFacts(string TalentId, RegistrationRecord? Registration, IReadOnlyDictionary<string, CredentialRecord> Credentials)
{
    public static TalentFacts Empty(string talentId) => new(talentId, null, new Dictionary<string, CredentialRecord>());

    public TalentFacts? WithRegistration(RegistrationRecord registration) =>
        Registration is { } known && known.OccurredAt >= registration.OccurredAt ? null : this with { Registration = registration };

    public TalentFacts? WithCredential(CredentialRecord decision)
    {
        if (Credentials.TryGetValue(decision.CredentialId, out var known) && known.DecidedAt >= decision.DecidedAt)
            return null;
        // A rejection or revocation keeps no contributions: its facts no longer count.
        var kept = decision.State == CredentialState.Verified ? decision : decision with { Contributes = new Dictionary<string, FactValue>(), Recency = null };
        var credentials = new Dictionary<string, CredentialRecord>(Credentials) { [decision.CredentialId] = kept };
        return this with { Credentials = credentials };
    }

    // Views of Credentials, not state: never stored (a stored copy would double every document and its parse).
    [JsonIgnore]
    public IEnumerable<CredentialRecord> Verified => Credentials.Values.Where(c => c.State == CredentialState.Verified);

    /// <summary>Credentials revoked as falsified material (the falsified_materials deduction).</summary>
    [JsonIgnore]
    public IEnumerable<CredentialRecord> Falsified => Credentials.Values.Where(c => c.State == CredentialState.Revoked && c.Fraud);
}
