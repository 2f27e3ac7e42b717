using Grpc.Core;
using Grpc.Net.Client;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Connection;

/// <summary>
/// Connections to the three services for one run: gRPC channels and typed clients, and call options carrying a
/// bearer token — the fixed <c>--token</c>, or a development token minted for the caller.
/// </summary>
public sealed class Mesh : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<MeshService, GrpcChannel> channels = [];
    private readonly TokenSource tokens;
    private readonly string? fixedToken;

    public Mesh(MeshAddresses addresses, string? fixedToken, HttpClient? http = null)
    {
        Addresses = addresses;
        this.fixedToken = string.IsNullOrWhiteSpace(fixedToken) ? null : fixedToken.Trim();
        tokens = new TokenSource(http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        foreach (var service in Enum.GetValues<MeshService>())
            channels[service] = GrpcChannel.ForAddress(addresses[service].Grpc);
    }

    public MeshAddresses Addresses { get; }

    public TokenSource Tokens => tokens;

    public TalentService.TalentServiceClient Talents => new(channels[MeshService.Registration]);

    public CredentialService.CredentialServiceClient Credentials => new(channels[MeshService.Registration]);

    public TalentCodeService.TalentCodeServiceClient Codes => new(channels[MeshService.Registration]);

    public ScoreService.ScoreServiceClient Scores => new(channels[MeshService.Evaluation]);

    public RuleSetService.RuleSetServiceClient RuleSets => new(channels[MeshService.Evaluation]);

    public PolicyService.PolicyServiceClient Policies => new(channels[MeshService.Redemption]);

    public RedemptionService.RedemptionServiceClient Redemptions => new(channels[MeshService.Redemption]);

    public NotificationService.NotificationServiceClient Notifications => new(channels[MeshService.Redemption]);

    /// <summary>Options for one call to <paramref name="service"/> as <paramref name="caller"/>; streams pass no timeout.</summary>
    public async Task<CallOptions> CallAsync(MeshService service, Caller caller, CancellationToken cancellationToken, bool streaming = false)
    {
        var token = fixedToken ?? (await tokens.GetAsync(Addresses[service].Http, caller, cancellationToken)).Token;
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        DateTime? deadline = streaming ? null : DateTime.UtcNow + CallTimeout;
        return new CallOptions(headers, deadline, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var channel in channels.Values)
            channel.Dispose();
        tokens.Dispose();
    }
}
