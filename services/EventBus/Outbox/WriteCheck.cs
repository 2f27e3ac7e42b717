using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// What <see cref="CommitScript"/> must verify before a unit's first write so that the write cannot fail at run time
/// (Redis does not roll a script back). Only commands whose data-dependent failures are all covered here may be
/// written in a unit of work; anything else is refused when it is recorded, not when it is committed.
/// </summary>
/// <remarks>
/// Check codes (they travel as script arguments): <c>any</c> (no type needed: DEL, EXPIRE…; DEL also makes the key absent
/// for later writes), <c>set</c> (SET: any type, the key becomes the given string), <c>t:&lt;type&gt;</c> (the key must hold
/// that type or be absent), <c>incr:&lt;delta&gt;</c> (string holding an integer, result within 64 bits), <c>hincr</c>
/// (hash field holding an integer, result within 64 bits), <c>float</c>/<c>hfloat</c> (string / hash field holding a number),
/// <c>hset</c> / <c>hdel</c> (hash; the fields' new values are tracked for later increments).
/// </remarks>
internal static class WriteCheck
{
    public const string Delete = "del", AnyType = "any", StringSet = "set", IntegerIncrement = "incr:", HashIntegerIncrement = "hincr",
        FloatIncrement = "float", HashFloatIncrement = "hfloat", HashSet = "hset", HashDelete = "hdel";

    public static string Type(string redisType) => "t:" + redisType;

    /// <summary>The check for <paramref name="command"/>; throws <see cref="ArgumentException"/> for a write that cannot be made safe.</summary>
    public static string For(string command, ReadOnlySpan<RedisValue> arguments) => command.ToUpperInvariant() switch
    {
        "DEL" or "UNLINK" => Delete,
        "EXPIRE" or "PEXPIRE" or "EXPIREAT" or "PEXPIREAT" or "PERSIST" => AnyType,
        "SET" when !Contains(arguments, "GET") => StringSet,
        "APPEND" or "SETRANGE" => Type("string"),
        "INCR" => IntegerIncrement + "1",
        "DECR" => IntegerIncrement + "-1",
        "INCRBY" => IntegerIncrement + Integer(command, arguments, 0),
        "DECRBY" => IntegerIncrement + (-Integer(command, arguments, 0)).ToString(CultureInfo.InvariantCulture),
        "INCRBYFLOAT" => FloatIncrement,
        "HSET" => HashSet,
        "HDEL" => HashDelete,
        "HINCRBY" => HashIncrement(command, arguments),
        "HINCRBYFLOAT" => HashFloatIncrement,
        "SADD" or "SREM" => Type("set"),
        "ZADD" or "ZREM" => Type("zset"),
        "RPUSH" or "LPUSH" or "RPUSHX" or "LPUSHX" or "LREM" or "LTRIM" => Type("list"),
        "XADD" when GeneratedId(arguments) => Type("stream"),
        "XDEL" or "XTRIM" => Type("stream"),
        _ => throw new ArgumentException(
            $"{command} cannot be part of a unit of work: its failure could not be ruled out before the first write " +
            "(supported: SET without GET, DEL, UNLINK, EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, PERSIST, APPEND, SETRANGE, INCR, DECR, " +
            "INCRBY, DECRBY, INCRBYFLOAT, HSET, HDEL, HINCRBY, HINCRBYFLOAT, SADD, SREM, ZADD, ZREM, RPUSH, LPUSH, RPUSHX, " +
            "LPUSHX, LREM, LTRIM, XADD with an id of *, XDEL, XTRIM).", nameof(command)),
    };

    private static bool Contains(ReadOnlySpan<RedisValue> arguments, string option)
    {
        foreach (var argument in arguments)
        {
            if (string.Equals(argument.ToString(), option, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static long Integer(string command, ReadOnlySpan<RedisValue> arguments, int position) =>
        arguments.Length > position && long.TryParse(arguments[position].ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{command} needs an integer increment.", nameof(arguments));

    /// <summary>HINCRBY field increment: one field per call, an integer increment.</summary>
    private static string HashIncrement(string command, ReadOnlySpan<RedisValue> arguments)
    {
        if (arguments.Length != 2)
            throw new ArgumentException("HINCRBY takes a field and an increment.", nameof(arguments));
        Integer(command, arguments, 1);
        return HashIntegerIncrement;
    }

    /// <summary>XADD with an explicit id fails when the id is not above the stream's last one; only <c>*</c> cannot.</summary>
    private static bool GeneratedId(ReadOnlySpan<RedisValue> arguments)
    {
        var i = 0;
        while (i < arguments.Length)
        {
            switch (arguments[i].ToString().ToUpperInvariant())
            {
                case "NOMKSTREAM":
                    i++;
                    break;
                case "MAXLEN" or "MINID":
                    i += arguments.Length > i + 1 && arguments[i + 1].ToString() is "=" or "~" ? 3 : 2;
                    if (i < arguments.Length && string.Equals(arguments[i].ToString(), "LIMIT", StringComparison.OrdinalIgnoreCase))
                        i += 2;
                    break;
                default:
                    return arguments[i] == "*"
                        ? true
                        : throw new ArgumentException("XADD in a unit of work needs the id * (an explicit id can be refused by Redis).", nameof(arguments));
            }
        }
        return false;
    }
}
