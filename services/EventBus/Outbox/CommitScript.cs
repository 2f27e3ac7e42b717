namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Commits a group of units of work in one Lua script. Each unit stands on its own: its conditions are checked, and
/// only if all hold are its writes run. Units are independent: one that fails a condition (or hits an error) does not
/// stop the others. Every Redis call goes through pcall, so no error can abort the script halfway through a group.
/// Redis runs the script atomically, so a commit needs no WATCH round trip and holds no lock on the shared connection.
/// </summary>
internal static class CommitScript
{
    /// <summary>The condition kinds the script understands (the strings travel as script arguments).</summary>
    public const string Absent = "absent", Present = "present", EqualsValue = "equals", HashEquals = "hash-equals",
        HashAbsent = "hash-absent";

    // ARGV[1] = unit count; per unit: key offset, condition count, write count, then per condition 4 slots
    // (kind, key index, field, expected), then per write: argument count n, command, key index, n arguments.
    // Key indexes are relative to the unit's offset in KEYS, so Redis sees every key the script touches.
    // Returns one reply per unit: 0 when committed, the 1-based number of the first failed condition, or an error text
    // as a string — from a condition (nothing of the unit was written) or from a write (the unit's earlier writes
    // stay, its later ones are skipped, as with MULTI/EXEC). Errors travel as strings because a client cannot read
    // an error nested in an array reply.
    public static readonly RedisScript Script = new($$"""
        local replies = {}
        local a = 2
        for unit = 1, tonumber(ARGV[1]) do
          local offset, conditions, writes = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
          a = a + 3
          local reply = 0
          for i = 1, conditions do
            if reply == 0 then
              local kind, key, field, expected = ARGV[a], KEYS[offset + tonumber(ARGV[a + 1])], ARGV[a + 2], ARGV[a + 3]
              local value
              if kind == '{{Absent}}' or kind == '{{Present}}' then value = redis.pcall('EXISTS', key)
              elseif kind == '{{EqualsValue}}' then value = redis.pcall('GET', key)
              elseif kind == '{{HashEquals}}' then value = redis.pcall('HGET', key, field)
              elseif kind == '{{HashAbsent}}' then value = redis.pcall('HEXISTS', key, field)
              else value = { err = 'unknown condition ' .. kind } end
              if type(value) == 'table' and value.err then reply = value.err
              elseif kind == '{{Absent}}' or kind == '{{HashAbsent}}' then if value ~= 0 then reply = i end
              elseif kind == '{{Present}}' then if value ~= 1 then reply = i end
              elseif value ~= expected then reply = i end
            end
            a = a + 4
          end
          for _ = 1, writes do
            local count = tonumber(ARGV[a])
            if reply == 0 then
              local result = redis.pcall(ARGV[a + 1], KEYS[offset + tonumber(ARGV[a + 2])], unpack(ARGV, a + 3, a + 2 + count))
              if type(result) == 'table' and result.err then reply = result.err end
            end
            a = a + 3 + count
          end
          replies[unit] = reply
        end
        return replies
        """);
}
