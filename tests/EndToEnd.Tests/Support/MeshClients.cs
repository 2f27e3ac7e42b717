using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>The public gRPC API of the running mesh, with a call-options shortcut per role.</summary>
public sealed class MeshClients(Mesh mesh)
{
    public Mesh Running => mesh;

    public TalentService.TalentServiceClient Talents { get; } = new(mesh.Registration.Channel);
    public CredentialService.CredentialServiceClient Credentials { get; } = new(mesh.Registration.Channel);
    public TalentCodeService.TalentCodeServiceClient Codes { get; } = new(mesh.Registration.Channel);
    public AuditService.AuditServiceClient Audit { get; } = new(mesh.Registration.Channel);
    public ScoreService.ScoreServiceClient Scores { get; } = new(mesh.Evaluation.Channel);
    public RuleSetService.RuleSetServiceClient RuleSets { get; } = new(mesh.Evaluation.Channel);
    public PolicyService.PolicyServiceClient Policies { get; } = new(mesh.Redemption.Channel);
    public RedemptionService.RedemptionServiceClient Redemptions { get; } = new(mesh.Redemption.Channel);
    public NotificationService.NotificationServiceClient Notifications { get; } = new(mesh.Redemption.Channel);

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
