using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMesh.BackOffice.ServiceClients;
using TalentMesh.BackOffice.SignIn;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;
using ConsoleService = TalentMesh.BackOffice.ServiceClients.MeshService;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The three services as real processes (real redis-server), started once for these tests.</summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public Mesh Mesh { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Mesh = await Mesh.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Mesh.DisposeAsync();
}

/// <summary>
/// The console's own service clients (client factory, call credentials, ServiceCaller) against the real services:
/// the Development token endpoint signs the user in, the token travels with every call over h2c, the services
/// enforce the roles, and a service nobody answers for is reported down.
/// </summary>
public sealed class ServiceClientsMeshTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    [Fact]
    public async Task Clients_HrSignedInWithDevelopmentToken_ReadTheRealQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var console = Console(token: null);
        var token = await console.ServiceProvider.GetRequiredService<DevTokenClient>().RequestAsync(Roles.Hr, "hr-1", ct);
        await using var signedIn = Console(token.Token);

        var result = await Call(signedIn, (client, options) => client.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { PageSize = 5 }, options));

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(0, result.Value.TotalPending);
        Assert.Empty(signedIn.ServiceProvider.GetRequiredService<ServiceAvailability>().Down);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Clients_NoToken_ServiceAnswersUnauthenticatedAndIsNotDown()
    {
        await using var console = Console(token: null);

        var result = await Call(console, (client, options) => client.ListPendingCredentialsAsync(new ListPendingCredentialsRequest(), options));

        Assert.Equal(StatusCode.Unauthenticated, result.Problem?.Status);
        Assert.False(console.ServiceProvider.GetRequiredService<ServiceAvailability>().IsDown(ConsoleService.Registration));
    }

    [Fact]
    public async Task Clients_ScannerToken_ServiceRefusesTheHrQueue()
    {
        await using var console = Console(fixture.Mesh.Registration.Token(Roles.Scanner, "scanner-1"));

        var result = await Call(console, (client, options) => client.ListPendingCredentialsAsync(new ListPendingCredentialsRequest(), options));

        Assert.Equal(StatusCode.PermissionDenied, result.Problem?.Status);
    }

    [Fact]
    public async Task Clients_ServiceNotListening_ReportedDownWhileTheOthersAnswer()
    {
        var nobody = new Uri($"http://127.0.0.1:{LoopbackPorts.FindFree()}");
        await using var console = Console(fixture.Mesh.Registration.Token(Roles.Hr, "hr-1"), evaluationGrpc: nobody);
        var calls = console.ServiceProvider.GetRequiredService<ServiceCaller>();
        var ruleSets = console.ServiceProvider.GetRequiredService<RuleSetService.RuleSetServiceClient>();

        var evaluation = await calls.CallAsync(ConsoleService.Evaluation, options => ruleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, options), TestContext.Current.CancellationToken);
        var registration = await Call(console, (client, options) => client.ListPendingCredentialsAsync(new ListPendingCredentialsRequest(), options));

        Assert.True(evaluation.Problem?.IsOutage, evaluation.Problem?.Message);
        Assert.True(registration.Succeeded, registration.Problem?.Message);
        var availability = console.ServiceProvider.GetRequiredService<ServiceAvailability>();
        Assert.True(availability.IsDown(ConsoleService.Evaluation));
        Assert.False(availability.IsDown(ConsoleService.Registration));
    }

    private static Task<CallResult<T>> Call<T>(AsyncServiceScope console, Func<CredentialService.CredentialServiceClient, CallOptions, AsyncUnaryCall<T>> call)
    {
        var credentials = console.ServiceProvider.GetRequiredService<CredentialService.CredentialServiceClient>();
        return console.ServiceProvider.GetRequiredService<ServiceCaller>().CallAsync(ConsoleService.Registration, options => call(credentials, options));
    }

    /// <summary>The console's service registrations, pointed at the mesh, in a circuit-like scope signed in with a token.</summary>
    private AsyncServiceScope Console(string? token, Uri? evaluationGrpc = null)
    {
        var mesh = fixture.Mesh;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:Registration:Grpc"] = mesh.Registration.GrpcAddress.ToString(),
            ["Services:Registration:Http"] = mesh.Registration.HttpAddress.ToString(),
            ["Services:Evaluation:Grpc"] = (evaluationGrpc ?? mesh.Evaluation.GrpcAddress).ToString(),
            ["Services:Evaluation:Http"] = mesh.Evaluation.HttpAddress.ToString(),
            ["Services:Redemption:Grpc"] = mesh.Redemption.GrpcAddress.ToString(),
            ["Services:Redemption:Http"] = mesh.Redemption.HttpAddress.ToString(),
            ["Services:CallTimeout"] = "00:00:30",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceClients();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AccessTokenSource>();
        builder.Services.AddHttpClient<DevTokenClient>();
        builder.Services.AddSingleton<AuthenticationStateProvider>(new SignedIn(token));
        return builder.Services.BuildServiceProvider().CreateAsyncScope();
    }

    private sealed class SignedIn(string? token) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            token is null ? new ClaimsPrincipal(new ClaimsIdentity()) : SessionClaims.Create("user-1", "hr", token, "test")));
    }
}
