using System.CommandLine;

namespace TalentMesh.Cli.Connection;

/// <summary>
/// Options every command takes (recursive): where the services are, and who calls. Each address option falls back
/// to an environment variable, then to the run script's address.
/// </summary>
public sealed class GlobalOptions
{
    public GlobalOptions(Func<string, string?> environment)
    {
        var defaults = MeshAddresses.RunScript;
        RegistrationGrpc = Address("--registration", "TALENTMESH_REGISTRATION_GRPC", defaults.Registration.Grpc, "Registration's gRPC (h2c) address", environment);
        RegistrationHttp = Address("--registration-http", "TALENTMESH_REGISTRATION_HTTP", defaults.Registration.Http, "Registration's HTTP/1.1 address (development tokens)", environment);
        EvaluationGrpc = Address("--evaluation", "TALENTMESH_EVALUATION_GRPC", defaults.Evaluation.Grpc, "Evaluation's gRPC (h2c) address", environment);
        EvaluationHttp = Address("--evaluation-http", "TALENTMESH_EVALUATION_HTTP", defaults.Evaluation.Http, "Evaluation's HTTP/1.1 address (development tokens)", environment);
        RedemptionGrpc = Address("--redemption", "TALENTMESH_REDEMPTION_GRPC", defaults.Redemption.Grpc, "Redemption's gRPC (h2c) address", environment);
        RedemptionHttp = Address("--redemption-http", "TALENTMESH_REDEMPTION_HTTP", defaults.Redemption.Http, "Redemption's HTTP/1.1 address (development tokens)", environment);
        As = new Option<string?>("--as")
        {
            Description = "Call as <role>[:<subject>] (applicant, hr, policy_officer, scanner, admin) with a development token from the mesh",
            Recursive = true,
        };
        Token = new Option<string?>("--token")
        {
            Description = "A bearer token from the identity provider (env TALENTMESH_TOKEN); replaces --as",
            DefaultValueFactory = _ => environment("TALENTMESH_TOKEN"),
            Recursive = true,
        };
    }

    public Option<Uri> RegistrationGrpc { get; }
    public Option<Uri> RegistrationHttp { get; }
    public Option<Uri> EvaluationGrpc { get; }
    public Option<Uri> EvaluationHttp { get; }
    public Option<Uri> RedemptionGrpc { get; }
    public Option<Uri> RedemptionHttp { get; }
    public Option<string?> As { get; }
    public Option<string?> Token { get; }

    public IEnumerable<Option> All => [RegistrationGrpc, RegistrationHttp, EvaluationGrpc, EvaluationHttp, RedemptionGrpc, RedemptionHttp, As, Token];

    public MeshAddresses Addresses(ParseResult parsed) => new(
        new(parsed.GetRequiredValue(RegistrationGrpc), parsed.GetRequiredValue(RegistrationHttp)),
        new(parsed.GetRequiredValue(EvaluationGrpc), parsed.GetRequiredValue(EvaluationHttp)),
        new(parsed.GetRequiredValue(RedemptionGrpc), parsed.GetRequiredValue(RedemptionHttp)));

    /// <summary>The caller: <c>--as</c> when given, else the command's own role (an applicant command needs a subject).</summary>
    public Caller Caller(ParseResult parsed, string defaultRole)
    {
        var given = parsed.GetValue(As);
        return string.IsNullOrWhiteSpace(given) ? Connection.Caller.For(defaultRole) : Connection.Caller.Parse(given);
    }

    private static Option<Uri> Address(string name, string variable, Uri fallback, string description, Func<string, string?> environment) => new(name)
    {
        Description = $"{description} (env {variable}; default {fallback})",
        DefaultValueFactory = _ => environment(variable) is { Length: > 0 } value ? new Uri(value) : fallback,
        CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) ? uri : Invalid(result),
        Recursive = true,
    };

    private static Uri Invalid(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens.Single().Value}' is not an absolute address such as http://127.0.0.1:5101");
        return null!;
    }
}
