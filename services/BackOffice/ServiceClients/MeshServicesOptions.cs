using System.ComponentModel.DataAnnotations;

namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>
/// Where the three services listen (section <c>Services</c>, e.g. <c>Services__Registration__Grpc</c>). The defaults
/// are the ports of <c>scripts/run.sh</c>; the AppHost passes the same addresses explicitly.
/// </summary>
public sealed class MeshServicesOptions
{
    public const string Section = "Services";

    [Required]
    public ServiceEndpoints Registration { get; set; } = new() { Grpc = new("http://127.0.0.1:5101"), Http = new("http://127.0.0.1:5102") };

    [Required]
    public ServiceEndpoints Evaluation { get; set; } = new() { Grpc = new("http://127.0.0.1:5111"), Http = new("http://127.0.0.1:5112") };

    [Required]
    public ServiceEndpoints Redemption { get; set; } = new() { Grpc = new("http://127.0.0.1:5121"), Http = new("http://127.0.0.1:5122") };

    /// <summary>How long one call may take before it counts as the service being down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ServiceEndpoints Of(MeshService service) => service switch
    {
        MeshService.Registration => Registration,
        MeshService.Evaluation => Evaluation,
        MeshService.Redemption => Redemption,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };
}

/// <summary>A service's h2c gRPC address and its HTTP/1.1 address (health, Development tokens).</summary>
public sealed class ServiceEndpoints
{
    [Required]
    public Uri Grpc { get; set; } = null!;

    [Required]
    public Uri Http { get; set; } = null!;
}
