namespace TalentMesh.Cli.Connection;

/// <summary>Who a call is made as: a role and the token subject (an applicant's subject is their talent id).</summary>
public sealed record Caller(string Role, string Subject)
{
    public const string Applicant = "applicant";
    public const string Hr = "hr";
    public const string PolicyOfficer = "policy_officer";
    public const string Scanner = "scanner";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> Roles = [Applicant, Hr, PolicyOfficer, Scanner, Admin];

    /// <summary>Parses <c>role[:subject]</c>; officers default to "&lt;role&gt;-1", an applicant needs their talent id.</summary>
    public static Caller Parse(string text)
    {
        var colon = text.IndexOf(':');
        var role = (colon < 0 ? text : text[..colon]).Trim();
        var subject = colon < 0 ? "" : text[(colon + 1)..].Trim();
        if (!Roles.Contains(role))
            throw new CliException($"--as: unknown role '{role}'; one of {string.Join(", ", Roles)}");
        return For(role, subject);
    }

    public static Caller For(string role, string? subject = null)
    {
        if (!string.IsNullOrEmpty(subject))
            return new Caller(role, subject);
        if (role == Applicant)
            throw new CliException("an applicant acts as their talent id: --as applicant:<talent-id>");
        return new Caller(role, $"{role}-1");
    }

    public override string ToString() => $"{Role}:{Subject}";
}
