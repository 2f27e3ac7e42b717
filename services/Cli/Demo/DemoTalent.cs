using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>One of the demo's talents: who they are, what they submit, how HR decides, and the tier they should reach.</summary>
public sealed record DemoTalent(
    string TalentId,
    string Name,
    DateOnly BirthDate,
    Gender Gender,
    string IdentityNumber,
    string Phone,
    IReadOnlyList<DemoCredential> Credentials,
    string Expectation,
    Func<Tier, bool> ExpectedTier);

/// <summary>A credential and HR's decision on it: verify, or reject with <see cref="RejectReason"/>.</summary>
public sealed record DemoCredential(CredentialAttributes Attributes, string Reference, string? RejectReason = null)
{
    public bool Verified => RejectReason is null;
}
