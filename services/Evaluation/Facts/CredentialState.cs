namespace TalentMesh.Evaluation.Facts;

public enum CredentialState
{
    Verified,
    Rejected,
    Revoked,
}
