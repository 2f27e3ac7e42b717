namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>The three services the console calls; an outage is reported and shown per service.</summary>
public enum MeshService
{
    Registration,
    Evaluation,
    Redemption,
}
