namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>Every rule, tier and fact carries a Chinese and an English label: the published scheme is bilingual.</summary>
public sealed record Labels(string Zh, string En);
