namespace TalentMesh.AppHost;

/// <summary>Local ports of the mesh (section TalentMesh); tests pass free ports so they never collide with a running mesh.</summary>
public sealed class MeshOptions
{
    /// <summary>Registration gets PortBase+1 (gRPC) and +2 (HTTP), Evaluation +11/+12, Redemption +21/+22.</summary>
    public int PortBase { get; set; } = 5100;

    public int RedisPort { get; set; } = 6380;

    /// <summary>Where redis-server keeps its AOF; relative paths are under the repository root.</summary>
    public string RedisDataDirectory { get; set; } = ".run/redis";
}
