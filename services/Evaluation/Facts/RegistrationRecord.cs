namespace TalentMesh.Evaluation.Facts;

/// <summary>What talent.registered contributes: the birth date (age) and whether the document is a foreigner's.</summary>
public sealed record RegistrationRecord(DateOnly? BirthDate, bool ForeignDocument, DateTimeOffset OccurredAt);
