using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// One unit of work's conditions and writes, encoded for <see cref="CommitScript"/>: the keys it touches, and its
/// arguments with key references as 1-based positions in those keys.
/// </summary>
internal sealed class CommitUnit
{
    // Sized for the units the services commit (measured over a load run: at most 9 keys and 16 condition values, 6–65
    // write values, mostly 31–48, and 7–27 final ones): grown from empty, each list reallocated its way up 4, 8, 16,
    // 32, 64, ~2.4 KB of garbage a unit. A larger unit still grows as before.
    private const int ExpectedKeys = 8, ExpectedConditionValues = 16, ExpectedWriteValues = 64, ExpectedFinalWriteValues = 32;

    private readonly List<RedisKey> keys = new(ExpectedKeys);

    /// <summary>Each key's 1-based position in <see cref="keys"/>: a scan per write made a unit with many keys quadratic.</summary>
    private readonly Dictionary<RedisKey, int> keyIndexes = new(ExpectedKeys);
    private readonly List<RedisValue> conditions = new(ExpectedConditionValues);
    private readonly List<RedisValue> writes = new(ExpectedWriteValues);
    private readonly List<RedisValue> finalWrites = new(ExpectedFinalWriteValues);
    private int writeCount;

    public IReadOnlyList<RedisKey> Keys => keys;

    /// <summary>Each condition takes four script arguments (kind, key index, field, expected).</summary>
    private int ConditionCount => conditions.Count / 4;

    /// <summary>How many script arguments <see cref="AppendArguments"/> adds.</summary>
    public int ArgumentCount => 3 + conditions.Count + writes.Count + finalWrites.Count;

    /// <summary>Adds a condition and returns its 1-based number, which the script reports when it fails.</summary>
    public int AddCondition(string kind, RedisKey key, RedisValue field, RedisValue expected)
    {
        conditions.Add(kind);
        conditions.Add(KeyIndex(key));
        conditions.Add(field.IsNull ? RedisValue.EmptyString : field);
        conditions.Add(expected.IsNull ? RedisValue.EmptyString : expected);
        return ConditionCount;
    }

    /// <summary>Redis's Lua passes at most ~8,000 values to a call; one write stays well below that.</summary>
    public const int MaxArgumentsPerWrite = 4_000;

    public void AddWrite(string command, RedisKey key, params ReadOnlySpan<RedisValue> arguments) =>
        AddWrite(writes, command, key, arguments);

    /// <summary>
    /// A write that runs after every <see cref="AddWrite"/> write (the inbox marker, the events): should a write fail
    /// despite the checks (a malformed argument list), the event is neither marked processed nor published.
    /// </summary>
    public void AddFinalWrite(string command, RedisKey key, params ReadOnlySpan<RedisValue> arguments) =>
        AddWrite(finalWrites, command, key, arguments);

    private void AddWrite(List<RedisValue> target, string command, RedisKey key, ReadOnlySpan<RedisValue> arguments)
    {
        if (arguments.Length > MaxArgumentsPerWrite)
            throw new ArgumentException($"A write takes at most {MaxArgumentsPerWrite} arguments; split it.", nameof(arguments));
        foreach (var argument in arguments)
        {
            if (argument.IsNull)
                throw new ArgumentException($"{command} got a null value; use Delete or HashDelete to remove data.", nameof(arguments));
        }
        var check = WriteCheck.For(command, arguments);
        target.Add(arguments.Length);
        target.Add(command);
        target.Add(KeyIndex(key));
        target.Add(check);
        foreach (var argument in arguments)
            target.Add(argument);
        writeCount++;
    }

    /// <summary>Writes this unit's arguments; <paramref name="keyOffset"/> is where its keys start in the script's KEYS.</summary>
    public void AppendArguments(RedisValue[] target, ref int position, int keyOffset)
    {
        target[position++] = keyOffset;
        target[position++] = ConditionCount;
        target[position++] = writeCount;
        conditions.CopyTo(target, position);
        position += conditions.Count;
        writes.CopyTo(target, position);
        position += writes.Count;
        finalWrites.CopyTo(target, position);
        position += finalWrites.Count;
    }

    /// <summary>The key's 1-based position in this unit's keys (KEYS[n] in the commit script), added on first use.</summary>
    private int KeyIndex(RedisKey key)
    {
        if (!keyIndexes.TryGetValue(key, out var index))
        {
            keys.Add(key);
            index = keys.Count;
            keyIndexes.Add(key, index);
        }
        return index;
    }
}
