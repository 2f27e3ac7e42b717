using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>A real Kestrel h2c server on a free loopback port, for gRPC over a real socket.</summary>
public sealed class GrpcTestServer(WebApplication app) : IAsyncDisposable
{
    public WebApplication App => app;

    public string Address => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public static async Task<GrpcTestServer> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new GrpcTestServer(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
