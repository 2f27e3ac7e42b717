namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Commits a group of units of work in one Lua script. Each unit stands on its own: its conditions are checked, then
/// every write is checked against the data (see <see cref="WriteCheck"/>), and only if all hold are its writes run.
/// Redis does not roll a script back, so everything a write could fail on is found before the first write: a unit
/// commits entirely or not at all. Units are independent: one that fails a condition or a check does not stop the
/// others. Every Redis call goes through pcall, so no error can abort the script halfway through a group.
/// Redis runs the script atomically, so a commit needs no WATCH round trip and holds no lock on the shared connection.
/// </summary>
internal static class CommitScript
{
    /// <summary>The condition kinds the script understands (the strings travel as script arguments).</summary>
    public const string Absent = "absent", Present = "present", EqualsValue = "equals", HashEquals = "hash-equals",
        HashAbsent = "hash-absent";

    /// <summary>Reply prefix of a unit refused before its first write (a condition's Redis error or a failed check).</summary>
    public const string RefusedPrefix = "REFUSED ";

    /// <summary>Reply prefix of a write that failed although its checks passed (a malformed argument list).</summary>
    public const string WriteFailedPrefix = "WRITE-FAILED ";

    // ARGV[1] = unit count; per unit: key offset, condition count, write count, then per condition 4 slots
    // (kind, key index, field, expected), then per write: argument count n, command, key index, check, n arguments.
    // Key indexes are relative to the unit's offset in KEYS, so Redis sees every key the script touches.
    // Returns one reply per unit: 0 when committed, the 1-based number of the first failed condition, or an error text
    // as a string (REFUSED: nothing of the unit was written; WRITE-FAILED: a write failed although checked — a
    // programming error such as a malformed argument list; the unit's inbox marker and events come last and were not
    // written). Errors travel as strings because a client cannot read an error nested in an array reply.
    public static readonly RedisScript Script = new($$"""
        -- Exact 64-bit integers as (high, low) = high * 1e9 + low with 0 <= low < 1e9: every part fits a double exactly.
        local BASE = 1e9
        local MAX_HIGH, MAX_LOW, MIN_HIGH, MIN_LOW = 9223372036, 854775807, -9223372037, 145224192

        local function normalize(high, low)
          local carry = math.floor(low / BASE)
          return high + carry, low - carry * BASE
        end

        local function fits(high, low)
          return (high < MAX_HIGH or (high == MAX_HIGH and low <= MAX_LOW)) and (high > MIN_HIGH or (high == MIN_HIGH and low >= MIN_LOW))
        end

        -- Parses an integer as Redis does (no sign but '-', no leading zeros, within 64 bits); nil when it is not one.
        local function integer(text)
          if not text then return 0, 0 end
          if not (text == '0' or string.match(text, '^%-?[1-9]%d*$')) or #text > 20 then return nil end
          local negative = string.sub(text, 1, 1) == '-'
          local digits = negative and string.sub(text, 2) or text
          local high = #digits > 9 and tonumber(string.sub(digits, 1, #digits - 9)) or 0
          local low = tonumber(string.sub(digits, -9))
          if negative then high, low = -high, -low end
          high, low = normalize(high, low)
          if not fits(high, low) then return nil end
          return high, low
        end

        local function format(high, low)
          if high >= 0 then return high == 0 and string.format('%d', low) or string.format('%d%09d', high, low) end
          local magnitudeHigh, magnitudeLow = -high, 0
          if low > 0 then magnitudeHigh, magnitudeLow = -(high + 1), BASE - low end
          return '-' .. (magnitudeHigh == 0 and string.format('%d', magnitudeLow) or string.format('%d%09d', magnitudeHigh, magnitudeLow))
        end

        local function number(text)
          if not text then return 0 end
          if string.find(text, '[^%d%.eE%+%-]') then return nil end
          local n = tonumber(text)
          if n == nil or n ~= n or n == math.huge or n == -math.huge then return nil end
          return n
        end

        -- Checks a unit's writes against the data as the unit's own earlier writes leave it; returns nil or the reason.
        local function precheck(offset, a, writes)
          local types, strings, fields, cleared = {}, {}, {}, {}
          for _ = 1, writes do
            local count, command, key, check = tonumber(ARGV[a]), ARGV[a + 1], KEYS[offset + tonumber(ARGV[a + 2])], ARGV[a + 3]
            local first = a + 4
            if types[key] == nil then types[key] = redis.call('TYPE', key)['ok'] end
            local function need(wanted)
              if types[key] ~= 'none' and types[key] ~= wanted then
                return 'WRONGTYPE ' .. command .. ' needs a ' .. wanted .. ' at ' .. key .. ', which holds a ' .. types[key]
              end
              types[key] = wanted
            end
            local function increment(current, delta, float)
              if float then
                local value, step = number(current), number(delta)
                if value == nil then return nil, command .. ' at ' .. key .. ': the value is not a number' end
                if step == nil then return nil, command .. ' at ' .. key .. ': the increment is not a number' end
                local result = value + step
                if result ~= result or result == math.huge or result == -math.huge then return nil, command .. ' at ' .. key .. ': the result is not finite' end
                return tostring(result)
              end
              local high, low = integer(current)
              if high == nil then return nil, command .. ' at ' .. key .. ': the value is not an integer' end
              local stepHigh, stepLow = integer(delta)
              if stepHigh == nil then return nil, command .. ' at ' .. key .. ': the increment is not an integer' end
              high, low = normalize(high + stepHigh, low + stepLow)
              if not fits(high, low) then return nil, command .. ' at ' .. key .. ': the result would overflow a 64-bit integer' end
              return format(high, low)
            end
            local failure
            if check == 'any' then
            elseif check == 'del' then
              types[key], strings[key], fields[key], cleared[key] = 'none', false, {}, true
            elseif check == 'set' then
              types[key], strings[key] = 'string', ARGV[first]
            elseif string.sub(check, 1, 2) == 't:' then
              failure = need(string.sub(check, 3))
            elseif string.sub(check, 1, 5) == 'incr:' or check == 'float' then
              failure = need('string')
              if not failure then
                local current = strings[key]
                if current == nil then current = redis.call('GET', key) end
                local delta = check == 'float' and ARGV[first] or string.sub(check, 6)
                strings[key], failure = increment(current, delta, check == 'float')
              end
            elseif check == 'hset' or check == 'hdel' then
              failure = need('hash')
              fields[key] = fields[key] or {}
              if check == 'hset' then
                for i = first, first + count - 1, 2 do fields[key][ARGV[i]] = ARGV[i + 1] end
              else
                for i = first, first + count - 1 do fields[key][ARGV[i]] = false end
              end
            elseif check == 'hincr' or check == 'hfloat' then
              failure = need('hash')
              if not failure then
                local field = ARGV[first]
                fields[key] = fields[key] or {}
                local current = fields[key][field]
                if current == nil then current = (not cleared[key]) and redis.call('HGET', key, field) end
                fields[key][field], failure = increment(current, ARGV[first + 1], check == 'hfloat')
              end
            else
              failure = 'unknown check ' .. check
            end
            if failure then return failure end
            a = first + count
          end
          return nil
        end

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
              if type(value) == 'table' and value.err then reply = '{{RefusedPrefix}}' .. value.err
              elseif kind == '{{Absent}}' or kind == '{{HashAbsent}}' then if value ~= 0 then reply = i end
              elseif kind == '{{Present}}' then if value ~= 1 then reply = i end
              elseif value ~= expected then reply = i end
            end
            a = a + 4
          end
          if reply == 0 then
            local ok, failure = pcall(precheck, offset, a, writes)
            if not ok then reply = '{{RefusedPrefix}}' .. (type(failure) == 'table' and (failure.err or 'error') or tostring(failure))
            elseif failure then reply = '{{RefusedPrefix}}' .. failure end
          end
          for _ = 1, writes do
            local count = tonumber(ARGV[a])
            if reply == 0 then
              local result = redis.pcall(ARGV[a + 1], KEYS[offset + tonumber(ARGV[a + 2])], unpack(ARGV, a + 4, a + 3 + count))
              if type(result) == 'table' and result.err then reply = '{{WriteFailedPrefix}}' .. result.err end
            end
            a = a + 4 + count
          end
          replies[unit] = reply
        end
        return replies
        """);
}
