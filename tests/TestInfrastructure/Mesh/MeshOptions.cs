namespace TalentMesh.Testing.Mesh;

/// <summary>How <see cref="Mesh.StartAsync"/> starts the mesh.</summary>
public sealed class MeshOptions
{
    /// <summary>
    /// The Redis the services use. Null: the mesh starts its own redis-server (and stops it on dispose). Give one to
    /// share a fixture's server (each mesh then isolates itself with <see cref="KeyPrefix"/>) or to control it in a drill.
    /// </summary>
    public RedisServer? Redis { get; set; }

    /// <summary>Prefix of every Redis key and topic stream of this mesh (before each service's own reg:/eval:/red:).</summary>
    public string KeyPrefix { get; set; } = TestKeys.Prefix("mesh");

    /// <summary>Settings overrides per service (keys with ':', e.g. <c>EventBus:MaxDeliveries</c>); called with the project name.</summary>
    public Action<string, Dictionary<string, string?>>? Configure { get; set; }

    /// <summary>How long each service may take to answer /readyz (all three start in parallel; CI has 2 cores).</summary>
    public TimeSpan ReadyWithin { get; set; } = TimeSpan.FromSeconds(90);
}
