using Grpc.Core;

namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>
/// Which services the current circuit found down. A call that fails with Unavailable or DeadlineExceeded marks its
/// service down (the layout's banner shows it); the next call that reaches it clears the mark. Scoped: one per circuit.
/// </summary>
public sealed class ServiceAvailability
{
    private readonly Dictionary<MeshService, string> down = [];

    public event Action? Changed;

    public IReadOnlyDictionary<MeshService, string> Down => down;

    public bool IsDown(MeshService service) => down.ContainsKey(service);

    public static bool IsOutage(StatusCode status) => status is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    public void ReportDown(MeshService service, string detail)
    {
        if (down.TryGetValue(service, out var known) && known == detail)
            return;
        down[service] = detail;
        Changed?.Invoke();
    }

    public void ReportUp(MeshService service)
    {
        if (down.Remove(service))
            Changed?.Invoke();
    }
}
