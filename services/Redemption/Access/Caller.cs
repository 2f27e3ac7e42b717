using System.Security.Claims;
using Grpc.Core;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Redemption.Access;

/// <summary>Who is calling: the token's subject (an applicant's talent id) and roles.</summary>
public sealed record Caller(string Subject, bool IsApplicant, bool IsOfficer, bool IsAdmin)
{
    public static Caller From(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return new Caller(user.FindFirstValue(Roles.SubjectClaim) ?? "", user.IsInRole(Roles.Applicant), user.IsInRole(Roles.PolicyOfficer), user.IsInRole(Roles.Admin));
    }

    /// <summary>Applicants see only what is theirs; officers and admins see all.</summary>
    public bool SeesEverything => IsOfficer || IsAdmin;
}
