namespace TalentMesh.Redemption.Facts;

/// <summary>How a fact is valued, matching the oneof of talentmesh.common.v1.Fact.</summary>
public enum FactKind
{
    Category,
    Number,
    Flag,
    Date,
}
