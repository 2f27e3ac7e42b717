namespace TalentMesh.Evaluation.Rules.Model;

public sealed record Band(NumericRange Range, decimal Points);
