using Grpc.Core;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Registration.Security;

/// <summary>Who is calling: the token's subject and role (authentication already ran; the RPC's policy checked the role).</summary>
public sealed record Caller(string Subject, string Role)
{
    public bool IsApplicant => Role == Roles.Applicant;

    public static Caller From(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return new Caller(user.FindFirst(Roles.SubjectClaim)?.Value ?? "", user.FindFirst(Roles.RoleClaim)?.Value ?? "");
    }

    /// <summary>
    /// Object-level access (OWASP API1): an applicant reaches only their own talent; anyone else's answers NOT_FOUND,
    /// exactly as a talent that does not exist, so the answer leaks nothing.
    /// </summary>
    public void EnsureMayAccess(string talentId, string resource, string id)
    {
        if (IsApplicant && !string.Equals(talentId, Subject, StringComparison.Ordinal))
            throw new NotFoundException(resource, id);
    }
}
