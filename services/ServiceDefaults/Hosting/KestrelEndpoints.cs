using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace TalentMesh.ServiceDefaults.Hosting;

internal static class KestrelEndpoints
{
    /// <summary>
    /// Plain-text gRPC needs an HTTP/2-only endpoint (no TLS means no ALPN to negotiate h2),
    /// and JSON transcoding needs HTTP/1.1 — hence two ports.
    /// </summary>
    public static void ConfigureServicePorts(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            var address = options.LoopbackOnly ? IPAddress.Loopback : IPAddress.Any;
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
    }
}
