namespace TalentMesh.Evaluation.Rules.Model;

public enum FactType
{
    Number,
    Integer,
    Boolean,
    Category,
}
