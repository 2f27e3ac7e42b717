using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using TalentMesh.BackOffice.SignIn;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.BackOffice.ServiceClients;

public static class ServiceClientRegistration
{
    /// <summary>
    /// The generated gRPC clients of the three services through <c>Grpc.Net.ClientFactory</c>, each call carrying the
    /// signed-in user's token (read from the circuit's authentication state), plus the caller and outage tracking.
    /// </summary>
    public static WebApplicationBuilder AddServiceClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MeshServicesOptions>(builder.Configuration, MeshServicesOptions.Section);
        builder.Services.AddScoped<ServiceAvailability>();
        builder.Services.AddScoped<ServiceCaller>();

        builder.Services.AddClient<CredentialService.CredentialServiceClient>(MeshService.Registration);
        builder.Services.AddClient<TalentService.TalentServiceClient>(MeshService.Registration);
        builder.Services.AddClient<TalentCodeService.TalentCodeServiceClient>(MeshService.Registration);
        builder.Services.AddClient<AuditService.AuditServiceClient>(MeshService.Registration);
        builder.Services.AddClient<ScoreService.ScoreServiceClient>(MeshService.Evaluation);
        builder.Services.AddClient<RuleSetService.RuleSetServiceClient>(MeshService.Evaluation);
        builder.Services.AddClient<PolicyService.PolicyServiceClient>(MeshService.Redemption);
        builder.Services.AddClient<RedemptionService.RedemptionServiceClient>(MeshService.Redemption);
        return builder;
    }

    private static void AddClient<TClient>(this IServiceCollection services, MeshService service)
        where TClient : ClientBase
    {
        services
            .AddGrpcClient<TClient>((provider, client) =>
                client.Address = provider.GetRequiredService<IOptions<MeshServicesOptions>>().Value.Of(service).Grpc)
            .AddCallCredentials(async (_, metadata, provider) =>
            {
                var token = await provider.GetRequiredService<AccessTokenSource>().GetAsync();
                if (token is not null)
                    metadata.Add("Authorization", "Bearer " + token);
            })
            // The local mesh speaks h2c on loopback; over TLS (deployments) this setting changes nothing.
            .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
    }
}
