using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Hosting;

/// <summary>Identity and listening ports of a service. Port 0 lets the OS pick (tests).</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    [Required, RegularExpression("^[a-z][a-z0-9-]{1,40}$")]
    public string Name { get; set; } = "";

    /// <summary>h2c port: gRPC, the gRPC health service and Dapr's AppCallback.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5000;

    /// <summary>HTTP/1.1 port: JSON transcoding, /healthz, /readyz and /metrics.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Bind to loopback only (local runs); containers bind to all interfaces.</summary>
    public bool LoopbackOnly { get; set; }

    /// <summary>Largest request body accepted on either port.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;
}
