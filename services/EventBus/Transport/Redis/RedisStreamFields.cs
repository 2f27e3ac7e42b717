namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Field names of a pubsub.redis stream entry as daprd writes them, and those this bus adds to dead letters.</summary>
public static class RedisStreamFields
{
    /// <summary>The CloudEvent JSON, or with rawPayload the payload itself.</summary>
    public const string Data = "data";

    /// <summary>Optional JSON map of strings (publish metadata, e.g. rawPayload).</summary>
    public const string Metadata = "metadata";

    /// <summary>Dead letters only: why the entry was dead-lettered (daprd reads only data and metadata, so it is ignored there).</summary>
    public const string Reason = "reason";

    /// <summary>Dead letters only: the entry's id on its topic; its time bounds the event's age for a replay.</summary>
    public const string OriginalId = "original-id";

    /// <summary>The metadata key of daprd's rawPayload publish (components-contrib metadata.IsRawPayload).</summary>
    public const string RawPayload = "rawPayload";
}
