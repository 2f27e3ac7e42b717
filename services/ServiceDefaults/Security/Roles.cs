namespace TalentMesh.ServiceDefaults.Security;

/// <summary>The roles of docs/design.md; each is also the name of an authorization policy.</summary>
public static class Roles
{
    /// <summary>A talent; the token's subject is their talent id.</summary>
    public const string Applicant = "applicant";
    public const string Hr = "hr";
    public const string PolicyOfficer = "policy_officer";
    public const string Scanner = "scanner";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Applicant, Hr, PolicyOfficer, Scanner, Admin];

    /// <summary>JWT claim types as issued (no Microsoft claim-type remapping).</summary>
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";
}
