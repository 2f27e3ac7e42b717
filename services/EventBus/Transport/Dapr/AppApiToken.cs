using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Configuration;

namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>
/// Dapr's app API token: daprd sends it on every call to the app as the <c>dapr-api-token</c> metadata header
/// (dapr/dapr pkg/channel/grpc/grpc_channel.go AddAppTokenToContext) when its <c>APP_API_TOKEN</c> is set; the app reads
/// the same Secret into its own <c>APP_API_TOKEN</c>. When configured, every AppCallback call must carry it.
/// </summary>
public sealed class AppApiToken(IConfiguration configuration)
{
    /// <summary>The environment variable daprd and the app read the token from (pkg/security/consts AppAPITokenEnvVar).</summary>
    public const string EnvironmentVariable = "APP_API_TOKEN";

    public const string Header = "dapr-api-token";

    private readonly byte[]? expected = configuration[EnvironmentVariable] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;

    public bool IsConfigured => expected is not null;

    /// <summary>Throws UNAUTHENTICATED unless the call carries the configured token (compared in constant time).</summary>
    public void Verify(ServerCallContext context)
    {
        if (expected is null)
            return;
        var presented = context.RequestHeaders.GetValue(Header);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The dapr-api-token header is missing or wrong."));
    }
}
