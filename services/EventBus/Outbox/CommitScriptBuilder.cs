using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>Collects a unit of work's conditions and writes as the KEYS and ARGV of <see cref="CommitScript"/>.</summary>
internal sealed class CommitScriptBuilder
{
    private readonly List<RedisKey> keys = [];
    private readonly List<RedisValue> conditions = [];
    private readonly List<RedisValue> writes = [];
    private int conditionCount;
    private int writeCount;

    /// <summary>Adds a condition and returns its 1-based number, which the script returns when it fails.</summary>
    public int AddCondition(string kind, RedisKey key, RedisValue field, RedisValue expected)
    {
        conditions.Add(kind);
        conditions.Add(KeyIndex(key));
        conditions.Add(field.IsNull ? RedisValue.EmptyString : field);
        conditions.Add(expected.IsNull ? RedisValue.EmptyString : expected);
        return ++conditionCount;
    }

    public void AddWrite(string command, RedisKey key, params ReadOnlySpan<RedisValue> arguments)
    {
        writes.Add(arguments.Length);
        writes.Add(command);
        writes.Add(KeyIndex(key));
        foreach (var argument in arguments)
            writes.Add(argument);
        writeCount++;
    }

    public bool HasWrites => writeCount > 0;

    public (RedisKey[] Keys, RedisValue[] Values) Build()
    {
        var values = new RedisValue[2 + conditions.Count + writes.Count];
        values[0] = conditionCount;
        values[1] = writeCount;
        conditions.CopyTo(values, 2);
        writes.CopyTo(values, 2 + conditions.Count);
        return (keys.ToArray(), values);
    }

    /// <summary>The key's 1-based position in KEYS; a unit of work touches a handful of keys, so a scan is cheapest.</summary>
    private int KeyIndex(RedisKey key)
    {
        var index = keys.IndexOf(key);
        if (index < 0)
        {
            keys.Add(key);
            index = keys.Count - 1;
        }
        return index + 1;
    }
}
