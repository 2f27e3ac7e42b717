using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Tests.Domain;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

/// <summary>The real Registration Program on real sockets against the test's Redis, with typed clients and shortcuts.</summary>
public sealed class RegistrationHost(ServiceHost<Program> host, string prefix) : IAsyncDisposable
{
    public ServiceHost<Program> Host { get; } = host;

    public string Prefix { get; } = prefix;

    public TalentService.TalentServiceClient Talents { get; } = new(host.Channel);

    public CredentialService.CredentialServiceClient Credentials { get; } = new(host.Channel);

    public TalentCodeService.TalentCodeServiceClient Codes { get; } = new(host.Channel);

    public AuditService.AuditServiceClient Audit { get; } = new(host.Channel);

    public TopicStreams Topics => new(Host.Redis, Host.TopicPrefix);

    public static async Task<RegistrationHost> StartAsync(RedisServerFixture redis, string prefix,
        Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null) =>
        new(await ServiceHost<Program>.StartAsync(redis.ConnectionString, prefix, configure, services), prefix);

    public CallOptions As(string role, string subject) => ServiceHost<Program>.Call(Host.Token(role, subject));

    public CallOptions Applicant(string talentId) => As(Roles.Applicant, talentId);

    public CallOptions Hr(string subject = "hr-1") => As(Roles.Hr, subject);

    public CallOptions Admin => As(Roles.Admin, "admin-1");

    public CallOptions Scanner => As(Roles.Scanner, "scanner-1");

    public async Task<Talent> RegisterAsync(string talentId, string identityNumber = "11010519491231002X", string phone = "13800000000") =>
        await Talents.RegisterTalentAsync(Samples.Registration(identityNumber, phone), Applicant(talentId));

    public async Task<Credential> SubmitAsync(string talentId, int typeIndex = 0) =>
        await Credentials.SubmitCredentialAsync(Samples.Submission(talentId, Samples.AllCredentialTypes[typeIndex].Attributes, Samples.AllCredentialTypes[typeIndex].Reference), Applicant(talentId));

    /// <summary>Every key the service holds, outbox and inbox included.</summary>
    public async Task<List<string>> KeysAsync()
    {
        var server = Host.Redis.GetServers()[0];
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
            keys.Add(key!);
        return keys;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
