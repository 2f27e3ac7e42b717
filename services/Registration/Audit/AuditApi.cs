using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Paging;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Talents;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Audit;

/// <summary>AuditService: hr and admin read a talent's audit trail.</summary>
public sealed class AuditApi(AuditStore audit, TalentStore talents) : AuditService.AuditServiceBase
{
    [Authorize(Roles = RoleSets.HrAdmin)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        var token = PageToken.Read(request.PageToken, request.TalentId, violations);
        violations.ThrowIfAny();
        if (await talents.FindAsync(request.TalentId, context.CancellationToken) is null)
            throw new NotFoundException("talent", request.TalentId);
        var size = PageToken.Size(request.PageSize);
        var entries = await audit.ReadAsync(request.TalentId, token?.Cursor ?? "", size + 1, context.CancellationToken);
        var response = new ListAuditEntriesResponse();
        response.Entries.Add(entries.Take(size));
        if (entries.Count > size)
            response.NextPageToken = PageToken.Write(entries[size - 1].EntryId, request.TalentId);
        return response;
    }
}
