using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Registration.Security;

/// <summary>The role lists of docs/contracts.md's Registration table, as [Authorize(Roles = …)] takes them.</summary>
public static class RoleSets
{
    public const string Applicant = Roles.Applicant;
    public const string Hr = Roles.Hr;
    public const string ApplicantHrAdmin = Roles.Applicant + "," + Roles.Hr + "," + Roles.Admin;
    public const string ApplicantAdmin = Roles.Applicant + "," + Roles.Admin;
    public const string HrAdmin = Roles.Hr + "," + Roles.Admin;
    public const string ScannerAdmin = Roles.Scanner + "," + Roles.Admin;
}
