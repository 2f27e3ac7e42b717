namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Counts every stored evaluation's tier in one script, so nothing commits between reading the evaluations and
/// writing the counts: the count of talents per tier for data stored before the counter existed (or after an operator
/// deleted its <c>built</c> field). Runs once: a second call finds <c>built</c> and returns 0. The tier is read from
/// the protobuf bytes of <c>evaluation.v1.Evaluation</c> (field 5, a varint) because the hash holds nothing else.
/// KEYS[1] the counter hash; ARGV[1] the glob of the current-evaluation keys. SCAN may return a key twice (while Redis rehashes), hence the set of keys seen.
/// </summary>
internal static class TierCountScript
{
    public const string BuiltField = "built";

    public const string Text = """
        if redis.call('HEXISTS', KEYS[1], 'built') == 1 then return 0 end
        local function varint(doc, i)
          local value, scale = 0, 1
          while true do
            local byte = string.byte(doc, i)
            i = i + 1
            value = value + (byte % 128) * scale
            if byte < 128 then return value, i end
            scale = scale * 128
          end
        end
        local function tier_of(doc)
          local i = 1
          while i <= #doc do
            local key
            key, i = varint(doc, i)
            local field, wire = math.floor(key / 8), key % 8
            if wire == 0 then
              local value
              value, i = varint(doc, i)
              if field == 5 then return value end
            elseif wire == 1 then i = i + 8
            elseif wire == 2 then
              local length
              length, i = varint(doc, i)
              i = i + length
            elseif wire == 5 then i = i + 4
            else return 0 end
          end
          return 0
        end
        local names = { 'A', 'B', 'C', 'D', 'E' }
        local counts = { A = 0, B = 0, C = 0, D = 0, E = 0, none = 0 }
        local seen = {}
        local cursor = '0'
        repeat
          local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
          cursor = page[1]
          for _, key in ipairs(page[2]) do
            local doc = not seen[key] and redis.call('HGET', key, 'doc')
            seen[key] = true
            if doc then
              local name = names[tier_of(doc)] or 'none'
              counts[name] = counts[name] + 1
            end
          end
        until cursor == '0'
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'A', counts.A, 'B', counts.B, 'C', counts.C, 'D', counts.D, 'E', counts.E,
          'none', counts.none, 'built', 1)
        return 1
        """;
}
