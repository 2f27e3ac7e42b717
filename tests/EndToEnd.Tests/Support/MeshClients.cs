using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>
/// The public gRPC API of the running mesh, with a call-options shortcut per role. With <c>retryUnavailable</c> the
/// channels retry a call the service answered with UNAVAILABLE ("retry later": a Redis attempt timed out on the busy
/// test host), as a mobile or web client configured for this API does — every write carries an idempotency key, so a
/// retried write changes nothing twice. Without it (the drills) every UNAVAILABLE reaches the test.
/// </summary>
public sealed class MeshClients(Mesh mesh, bool retryUnavailable = false)
{
    private readonly ChannelBase registration = retryUnavailable ? Patient(mesh.Registration) : mesh.Registration.Channel;
    private readonly ChannelBase evaluation = retryUnavailable ? Patient(mesh.Evaluation) : mesh.Evaluation.Channel;
    private readonly ChannelBase redemption = retryUnavailable ? Patient(mesh.Redemption) : mesh.Redemption.Channel;

    public Mesh Running => mesh;

    public TalentService.TalentServiceClient Talents => new(registration);
    public CredentialService.CredentialServiceClient Credentials => new(registration);
    public TalentCodeService.TalentCodeServiceClient Codes => new(registration);
    public AuditService.AuditServiceClient Audit => new(registration);
    public ScoreService.ScoreServiceClient Scores => new(evaluation);
    public RuleSetService.RuleSetServiceClient RuleSets => new(evaluation);
    public PolicyService.PolicyServiceClient Policies => new(redemption);
    public RedemptionService.RedemptionServiceClient Redemptions => new(redemption);
    public NotificationService.NotificationServiceClient Notifications => new(redemption);

    /// <summary>gRPC's own retry policy for UNAVAILABLE: up to 5 attempts, backing off from 200 ms up to 2 s.</summary>
    private static GrpcChannel Patient(MeshService service) => GrpcChannel.ForAddress(service.GrpcAddress, new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 5,
                        InitialBackoff = TimeSpan.FromMilliseconds(200),
                        MaxBackoff = TimeSpan.FromSeconds(2),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        },
    });

    /// <summary>
    /// Every service validates the same Development key; Registration's appsettings supply it. The deadline is generous
    /// because CI shares 2 cores between the test, three services and redis-server; the drills that are about latency
    /// set their own.
    /// </summary>
    public CallOptions As(string role, string subject, TimeSpan? timeout = null) =>
        Testing.Mesh.Mesh.Call(mesh.Registration.Token(role, subject), timeout ?? TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    public CallOptions Applicant(string talentId) => As(Roles.Applicant, talentId);
    public CallOptions Hr => As(Roles.Hr, "hr-1");
    public CallOptions Officer => As(Roles.PolicyOfficer, "officer-1");
    public CallOptions Scanner => As(Roles.Scanner, "scanner-1");
    public CallOptions Admin => As(Roles.Admin, "admin-1");
}
