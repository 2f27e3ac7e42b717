using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Credentials;

/// <summary>The queue's filters as the page edits them, and the request they make.</summary>
public sealed class QueueFilter
{
    public CredentialType Type { get; set; } = CredentialType.Unspecified;

    public string? EmployerCreditCode { get; set; }

    /// <summary>A calendar day (UTC): credentials submitted before that day began.</summary>
    public DateTime? SubmittedBefore { get; set; }

    public ListPendingCredentialsRequest ToRequest(int pageSize, string pageToken)
    {
        var request = new ListPendingCredentialsRequest
        {
            PageSize = pageSize,
            PageToken = pageToken,
            CredentialType = Type,
            EmployerCreditCode = EmployerCreditCode?.Trim() ?? "",
        };
        if (SubmittedBefore is { } day)
            request.SubmittedBefore = Timestamp.FromDateTime(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc));
        return request;
    }
}
