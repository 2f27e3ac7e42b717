using Google.Rpc;
using Grpc.Core;

namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>
/// A failed call as the pages show it: the status, the service's message, the <c>google.rpc.BadRequest</c> field
/// violations (shown beside their fields), the precondition violations and the <c>ErrorInfo</c> reason.
/// </summary>
public sealed record CallProblem(
    StatusCode Status,
    string Message,
    IReadOnlyDictionary<string, string> FieldViolations,
    IReadOnlyList<string> PreconditionViolations,
    string? Reason)
{
    public bool IsOutage => ServiceAvailability.IsOutage(Status);

    /// <summary>Another decision came first (the workflow state changed under the caller).</summary>
    public bool IsConflict => Status == StatusCode.FailedPrecondition;

    /// <summary>The violation text for a field, matched on the field path or its last segment; null when none.</summary>
    public string? ErrorFor(string field) =>
        FieldViolations.TryGetValue(field, out var text) ? text
        : FieldViolations.FirstOrDefault(pair => pair.Key.EndsWith("." + field, StringComparison.Ordinal)).Value;

    public static CallProblem From(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations
            .GroupBy(violation => violation.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => string.Join("; ", group.Select(v => v.Description)), StringComparer.Ordinal)
            ?? [];
        var preconditions = status?.GetDetail<PreconditionFailure>()?.Violations.Select(v => v.Description).ToList() ?? [];
        var reason = status?.GetDetail<ErrorInfo>()?.Reason;
        return new CallProblem(exception.StatusCode, exception.Status.Detail, fields, preconditions, reason);
    }
}
