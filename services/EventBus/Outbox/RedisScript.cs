using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// A Lua script called by its SHA-1 (EVALSHA), so each call ships only its arguments. Redis forgets scripts on
/// restart or SCRIPT FLUSH; the NOSCRIPT reply is answered with one EVAL, which also caches the script again.
/// </summary>
public sealed class RedisScript(string text)
{
    private readonly byte[] sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public string Text { get; } = text;

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(sha1, keys, values);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Text, keys, values);
        }
    }
}
