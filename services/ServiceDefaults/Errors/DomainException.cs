using Grpc.Core;

namespace TalentMesh.ServiceDefaults.Errors;

/// <summary>
/// A failure the caller caused or can act on. Handlers throw these; the error-mapping interceptor
/// turns them into a gRPC status so no handler builds status codes by hand.
/// </summary>
public abstract class DomainException(StatusCode statusCode, string message) : Exception(message)
{
    public StatusCode StatusCode { get; } = statusCode;
}

/// <summary>NOT_FOUND: the named resource does not exist (or the caller may not know it exists).</summary>
public sealed class NotFoundException(string resource, string id)
    : DomainException(StatusCode.NotFound, $"{resource} '{id}' was not found.");

/// <summary>ALREADY_EXISTS: creating something that exists (e.g. a second registration for one ID number).</summary>
public sealed class AlreadyExistsException(string message) : DomainException(StatusCode.AlreadyExists, message);

/// <summary>FAILED_PRECONDITION: the request is valid but the workflow state forbids it now.</summary>
public sealed class WorkflowViolationException(string message, string? reason = null)
    : DomainException(StatusCode.FailedPrecondition, message)
{
    /// <summary>Machine-readable reason, e.g. CREDENTIAL_NOT_SUBMITTED.</summary>
    public string? Reason { get; } = reason;
}

/// <summary>PERMISSION_DENIED: authenticated, but this caller may not touch this object.</summary>
public sealed class PermissionDeniedException(string message) : DomainException(StatusCode.PermissionDenied, message);

/// <summary>RESOURCE_EXHAUSTED: a rate limit, budget or quota is used up.</summary>
public sealed class QuotaExceededException(string message) : DomainException(StatusCode.ResourceExhausted, message);
