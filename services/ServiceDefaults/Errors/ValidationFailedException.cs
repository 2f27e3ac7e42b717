using Grpc.Core;

namespace TalentMesh.ServiceDefaults.Errors;

/// <summary>One offending field, named by its path in the request (e.g. "identity.number").</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest listing every offending field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : DomainException(StatusCode.InvalidArgument, Describe(violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        "Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
}
