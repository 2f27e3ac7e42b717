namespace TalentMesh.Cli.Connection;

/// <summary>The addresses of the three services. Defaults are those <c>scripts/run.sh</c> uses.</summary>
public sealed record MeshAddresses(ServiceAddress Registration, ServiceAddress Evaluation, ServiceAddress Redemption)
{
    public static readonly MeshAddresses RunScript = new(
        new(new Uri("http://127.0.0.1:5101"), new Uri("http://127.0.0.1:5102")),
        new(new Uri("http://127.0.0.1:5111"), new Uri("http://127.0.0.1:5112")),
        new(new Uri("http://127.0.0.1:5121"), new Uri("http://127.0.0.1:5122")));

    public ServiceAddress this[MeshService service] => service switch
    {
        MeshService.Registration => Registration,
        MeshService.Evaluation => Evaluation,
        _ => Redemption,
    };
}
