using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus;
using TalentMesh.Registration.Audit;
using TalentMesh.Registration.Credentials;
using TalentMesh.Registration.Pii;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.TalentCodes;
using TalentMesh.Registration.Talents;
using TalentMesh.Registration.Tiers;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Hosting;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Hosting;

/// <summary>The Registration service's own parts: its API, stores and event handlers.</summary>
public static class RegistrationServices
{
    /// <summary>No Registration request is legitimately larger (a credential with ten evidence references is a few KB).</summary>
    public const int MaxRequestMessageBytes = 64 * 1024;

    public static WebApplicationBuilder AddRegistrationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PiiOptions>(builder.Configuration, PiiOptions.Section);
        services.AddValidatedOptions<TalentCodeOptions>(builder.Configuration, TalentCodeOptions.Section);
        services.AddRegistrationRateLimits();
        services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc => grpc.MaxReceiveMessageSize = MaxRequestMessageBytes);

        services.AddSingleton<PiiProtector>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<AuditStore>();
        services.AddWatchSignal(); // the talents' own watches (WatchMyTalent)
        services.AddSingleton<TalentStore>();
        services.AddSingleton<TalentRegistrar>();
        services.AddSingleton<TierStore>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<CredentialPager>();
        services.AddSingleton<CredentialDesk>();
        services.AddSingleton<CredentialQueries>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<CodeTokenCodec>();
        services.AddSingleton<TalentCodeStore>();
        services.AddSingleton<CodeLedger>();
        services.AddSingleton<CodeView>();
        services.AddSingleton<CodeDesk>();
        services.AddSingleton<CodeVerifier>();
        services.AddSingleton<RevocationListSigner>();
        // One talent's evaluations (at registration, then at verification, tens of ms apart) one at a time: side by side
        // one of them lost the optimistic race and ran again in about one workflow of a hundred under load.
        services.AddEventHandler<TalentEvaluated, TalentEvaluatedHandler>(orderedBy: e => e.TalentId);
        return builder;
    }

    public static WebApplication MapRegistrationApi(this WebApplication app)
    {
        // After authentication (MapServiceDefaults), so the limiter partitions by the caller's subject.
        app.UseRateLimiter();
        app.MapGrpcService<TalentApi>();
        app.MapGrpcService<CredentialApi>();
        app.MapGrpcService<TalentCodeApi>();
        app.MapGrpcService<AuditApi>();
        return app;
    }
}
