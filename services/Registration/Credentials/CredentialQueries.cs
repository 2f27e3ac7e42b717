using Google.Protobuf.WellKnownTypes;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Identity;
using TalentMesh.Registration.Paging;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Credentials;

/// <summary>Reading credentials: one, a talent's (newest first) and the HR queue (oldest first).</summary>
public sealed class CredentialQueries(CredentialStore credentials, CredentialPager pager)
{
    public async Task<Credential> GetAsync(Caller caller, GetCredentialRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("credential_id", FieldRules.Identifier(request.CredentialId));
        violations.ThrowIfAny();
        var stored = await credentials.FindAsync(request.CredentialId, cancellationToken) ?? throw new NotFoundException("credential", request.CredentialId);
        caller.EnsureMayAccess(stored.Credential.TalentId, "credential", request.CredentialId);
        return stored.Credential;
    }

    public async Task<ListCredentialsResponse> ListAsync(Caller caller, ListCredentialsRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        if (request.Status != CredentialStatus.Unspecified)
            violations.AddIf("status", FieldRules.EnumValue(request.Status));
        if (request.CredentialType != CredentialType.Unspecified)
            violations.AddIf("credential_type", FieldRules.EnumValue(request.CredentialType));
        var filters = $"talent|{request.TalentId}|{request.Status}|{request.CredentialType}";
        var token = PageToken.Read(request.PageToken, filters, violations);
        violations.ThrowIfAny();
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        var (page, next) = await pager.PageAsync(credentials.TalentCredentials(request.TalentId), double.NegativeInfinity, double.PositiveInfinity,
            Order.Descending, token?.Cursor, PageToken.Size(request.PageSize),
            stored => (request.Status == CredentialStatus.Unspecified || stored.Credential.Status == request.Status)
                      && (request.CredentialType == CredentialType.Unspecified || stored.Credential.CredentialType == request.CredentialType),
            cancellationToken);
        var response = new ListCredentialsResponse { NextPageToken = next is null ? "" : PageToken.Write(next, filters) };
        response.Credentials.Add(page.Select(stored => stored.Credential));
        return response;
    }

    public async Task<ListPendingCredentialsResponse> ListPendingAsync(ListPendingCredentialsRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (request.CredentialType != CredentialType.Unspecified)
            violations.AddIf("credential_type", FieldRules.EnumValue(request.CredentialType));
        var employer = request.EmployerCreditCode.Trim().ToUpperInvariant();
        if (employer.Length > 0)
            violations.AddIf("employer_credit_code", UnifiedSocialCreditCode.Error(employer));
        var before = double.PositiveInfinity;
        if (request.SubmittedBefore is { } submittedBefore)
        {
            if (submittedBefore.Seconds is < -62_135_596_800 or > 253_402_300_799 || submittedBefore.Nanos is < 0 or > 999_999_999)
                violations.Add("submitted_before", "is not a valid timestamp");
            else
                before = submittedBefore.ToDateTimeOffset().ToUnixTimeMilliseconds() - 1;
        }
        var filters = $"pending|{request.CredentialType}|{employer}|{request.SubmittedBefore}";
        var token = PageToken.Read(request.PageToken, filters, violations);
        violations.ThrowIfAny();

        var queue = credentials.PendingQueue(request.CredentialType, employer);
        var (page, next) = await pager.PageAsync(queue, double.NegativeInfinity, before, Order.Ascending, token?.Cursor, PageToken.Size(request.PageSize),
            stored => stored.Credential.Status == CredentialStatus.Submitted
                      && (request.CredentialType == CredentialType.Unspecified || stored.Credential.CredentialType == request.CredentialType),
            cancellationToken);
        var response = new ListPendingCredentialsResponse
        {
            NextPageToken = next is null ? "" : PageToken.Write(next, filters),
            // Exact for one filter; with both type and employer it counts the employer's queue (approximate, as documented).
            TotalPending = (int)Math.Min(int.MaxValue, await credentials.CountAsync(queue, double.NegativeInfinity, before, cancellationToken)),
        };
        response.Credentials.Add(page.Select(stored => stored.Credential));
        return response;
    }
}
