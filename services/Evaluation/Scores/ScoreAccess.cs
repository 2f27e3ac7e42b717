using Grpc.Core;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Applicants see only their own talent (the token's subject); asking for another talent answers NOT_FOUND, as if it
/// did not exist. The other roles are admitted by the method's [Authorize] attribute.
/// </summary>
public static class ScoreAccess
{
    public static string TalentId(ServerCallContext context, string talentId)
    {
        if (string.IsNullOrWhiteSpace(talentId) || talentId.Length > 128)
            throw new ValidationFailedException([new FieldViolation("talent_id", "a talent id (at most 128 characters) is required")]);
        var user = context.GetHttpContext().User;
        if (user.IsInRole(Roles.Applicant) && !user.IsInRole(Roles.Hr) && !user.IsInRole(Roles.PolicyOfficer) && !user.IsInRole(Roles.Admin)
            && user.FindFirst(Roles.SubjectClaim)?.Value != talentId)
            throw new NotFoundException("talent", talentId);
        return talentId;
    }
}
