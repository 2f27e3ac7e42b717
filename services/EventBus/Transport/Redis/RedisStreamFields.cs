namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Field names of a pubsub.redis stream entry as daprd writes them.</summary>
public static class RedisStreamFields
{
    /// <summary>The CloudEvent JSON.</summary>
    public const string Data = "data";

    /// <summary>Optional JSON map of strings (publish metadata).</summary>
    public const string Metadata = "metadata";
}
