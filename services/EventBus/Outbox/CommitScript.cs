namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Commits a group of units of work in one Lua script. Each unit is all-or-nothing on its own: its conditions are
/// checked, and only if all hold are its writes run. Units are independent: one that fails a condition (or hits a
/// write error) does not stop the others. Redis runs the script atomically, so a commit needs no WATCH round trip
/// and holds no lock on the shared connection.
/// </summary>
internal static class CommitScript
{
    // ARGV[1] = unit count; per unit: key offset, condition count, write count, then per condition 4 slots
    // (kind, key index, field, expected), then per write: argument count n, command, key index, n arguments.
    // Key indexes are relative to the unit's offset in KEYS, so Redis sees every key the script touches.
    // Returns one reply per unit: 0 when committed, the 1-based number of the first failed condition, or the error
    // text of the write that failed as a string (the unit's later writes are then skipped). Errors travel as strings
    // because a client cannot read an error nested in an array reply.
    public static readonly RedisScript Script = new("""
        local replies = {}
        local a = 2
        for unit = 1, tonumber(ARGV[1]) do
          local offset, conditions, writes = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
          a = a + 3
          local reply = 0
          for i = 1, conditions do
            if reply == 0 then
              local kind, key, field, expected = ARGV[a], KEYS[offset + tonumber(ARGV[a + 1])], ARGV[a + 2], ARGV[a + 3]
              local holds
              if kind == 'absent' then holds = redis.call('EXISTS', key) == 0
              elseif kind == 'present' then holds = redis.call('EXISTS', key) == 1
              elseif kind == 'equals' then holds = redis.call('GET', key) == expected
              elseif kind == 'hash-equals' then holds = redis.call('HGET', key, field) == expected
              elseif kind == 'hash-absent' then holds = redis.call('HEXISTS', key, field) == 0
              else holds = false; reply = 'unknown condition ' .. kind end
              if reply == 0 and not holds then reply = i end
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
