using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalentMesh.ServiceDefaults.Hosting;

internal static class KestrelEndpoints
{
    /// <summary>
    /// Plain-text gRPC needs an HTTP/2-only endpoint (no TLS means no ALPN to negotiate h2),
    /// and JSON transcoding needs HTTP/1.1 — hence two ports.
    /// </summary>
    /// <remarks>
    /// Kestrel is configured from the validated <see cref="ServiceOptions"/>, not from raw configuration: Kestrel's
    /// options are built before the start-up validator runs, so an out-of-range port would otherwise surface as an
    /// ArgumentOutOfRangeException from IPEndPoint instead of an OptionsValidationException naming the setting.
    /// </remarks>
    public static void ConfigureServicePorts(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServiceOptions>>((kestrel, service) =>
        {
            var options = service.Value;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            var address = options.LoopbackOnly ? IPAddress.Loopback : IPAddress.Any;
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
}
