namespace TalentMesh.Cli.Connection;

/// <summary>The three services of the mesh; each has an h2c gRPC address and an HTTP/1.1 address.</summary>
public enum MeshService
{
    Registration,
    Evaluation,
    Redemption,
}
