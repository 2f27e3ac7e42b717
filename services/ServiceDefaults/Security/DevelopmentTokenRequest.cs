namespace TalentMesh.ServiceDefaults.Security;

/// <summary>The body of <c>POST /dev/tokens</c>: <c>{"role":"hr","subject":"hr-1","lifetimeMinutes":60}</c>.</summary>
public sealed record DevelopmentTokenRequest(string? Role, string? Subject, int? LifetimeMinutes)
{
    public const int DefaultLifetimeMinutes = 60;

    /// <summary>A working day at most: a development token that outlives the session is of no use.</summary>
    public const int MaxLifetimeMinutes = 24 * 60;

    /// <summary>The bad fields by name (camelCase, as in the JSON body); empty when the request is valid.</summary>
    public static Dictionary<string, string[]> Validate(DevelopmentTokenRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
            return new() { ["body"] = ["a JSON object with 'role' and 'subject' is required"] };
        if (string.IsNullOrWhiteSpace(request.Role) || !Roles.All.Contains(request.Role))
            errors["role"] = [$"must be one of: {string.Join(", ", Roles.All)}"];
        if (string.IsNullOrWhiteSpace(request.Subject))
            errors["subject"] = ["must not be empty"];
        if (request.LifetimeMinutes is < 1 or > MaxLifetimeMinutes)
            errors["lifetimeMinutes"] = [$"must be between 1 and {MaxLifetimeMinutes}"];
        return errors;
    }
}

/// <summary>The answer of <c>POST /dev/tokens</c>: the bearer token and when it expires.</summary>
public sealed record DevelopmentTokenResponse(string Token, DateTimeOffset ExpiresAt);
