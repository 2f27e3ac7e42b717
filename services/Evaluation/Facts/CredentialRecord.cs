namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// What the projection keeps of one credential: its last known state, when that was decided (an older event never
/// overwrites it) and, while verified, the base facts its attributes contribute (<see cref="CredentialFactMapping"/>).
/// </summary>
public sealed record CredentialRecord(
    string CredentialId,
    CredentialState State,
    DateTimeOffset DecidedAt,
    bool Fraud,
    IReadOnlyDictionary<string, FactValue> Contributes,
    DateOnly? Recency);
