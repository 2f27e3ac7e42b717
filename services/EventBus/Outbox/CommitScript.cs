using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Everything a unit of work does, as one Lua script: check the conditions, and only if all hold, run the writes.
/// Redis runs a script atomically, so a commit is one command with no WATCH round trip and no lock held on the
/// shared connection. The arguments are built by <see cref="CommitScriptBuilder"/>.
/// </summary>
internal static class CommitScript
{
    // ARGV[1] = condition count, ARGV[2] = write count, then per condition 4 slots (kind, key index, field, expected),
    // then per write: argument count n, command, key index, n arguments. Keys travel in KEYS, so Redis sees every
    // key the script touches. Returns 0 when committed, else the 1-based number of the first condition that failed.
    public static readonly RedisScript Script = new("""
        local a = 3
        for i = 1, tonumber(ARGV[1]) do
          local kind, key, field, expected = ARGV[a], KEYS[tonumber(ARGV[a + 1])], ARGV[a + 2], ARGV[a + 3]
          local holds
          if kind == 'absent' then holds = redis.call('EXISTS', key) == 0
          elseif kind == 'present' then holds = redis.call('EXISTS', key) == 1
          elseif kind == 'equals' then holds = redis.call('GET', key) == expected
          elseif kind == 'hash-equals' then holds = redis.call('HGET', key, field) == expected
          elseif kind == 'hash-absent' then holds = redis.call('HEXISTS', key, field) == 0
          else return redis.error_reply('unknown condition ' .. kind) end
          if not holds then return i end
          a = a + 4
        end
        for _ = 1, tonumber(ARGV[2]) do
          local count = tonumber(ARGV[a])
          redis.call(ARGV[a + 1], KEYS[tonumber(ARGV[a + 2])], unpack(ARGV, a + 3, a + 2 + count))
          a = a + 3 + count
        end
        return 0
        """);
}
