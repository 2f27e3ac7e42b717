using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>Builds this service's keys from its prefix so no code writes a raw key by hand.</summary>
public sealed class RedisKeyspace(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Key(string name) => new(Prefix + name);

    public RedisKey Key(string kind, string id) => new(string.Concat(Prefix, kind, ":", id));
}
