namespace TalentMesh.Evaluation.Rules.Model;

public enum Combine
{
    /// <summary>Items add up; the group's cap clips the sum.</summary>
    Sum,

    /// <summary>Only the highest item counts ("highest of").</summary>
    Max,
}
