using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>Builds this service's keys and channels from its prefix so no code writes a raw name by hand.</summary>
public sealed class RedisKeyspace(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Key(string name) => new(Prefix + name);

    public RedisKey Key(string kind, string id) => new(string.Concat(Prefix, kind, ":", id));

    /// <summary>A pub/sub channel of this service, named like its keys (channels are not keys, but share the prefix).</summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);
}
