using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TalentMesh.Registration.Pii;

/// <summary>
/// AES-256-GCM for identity and phone numbers at rest. A protected value reads "&lt;key id&gt;.&lt;base64url(nonce|ciphertext|tag)&gt;",
/// so a rotated record names the key that opens it. The associated data binds the ciphertext to its record and field:
/// a value copied into another talent's record does not decrypt.
/// </summary>
public sealed class PiiProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly string activeKeyId;
    private readonly Dictionary<string, byte[]> keys;

    public PiiProtector(IOptions<PiiOptions> options)
    {
        activeKeyId = options.Value.ActiveKeyId;
        keys = options.Value.Keys.ToDictionary(pair => pair.Key, pair => PiiOptions.Decode(pair.Value)!, StringComparer.Ordinal);
    }

    public string ActiveKeyId => activeKeyId;

    public string Protect(string plaintext, string context)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + input.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, input, sealedBytes.AsSpan(NonceSize, input.Length), sealedBytes.AsSpan(NonceSize + input.Length), Encoding.UTF8.GetBytes(context));
        return activeKeyId + "." + Base64UrlEncoder(sealedBytes);
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> for an unknown key id or a tampered value.</summary>
    public string Unprotect(string protectedValue, string context)
    {
        var dot = protectedValue.IndexOf('.');
        if (dot <= 0 || !keys.TryGetValue(protectedValue[..dot], out var key))
            throw new CryptographicException("The value names no configured PII key.");
        var sealedBytes = System.Buffers.Text.Base64Url.DecodeFromChars(protectedValue.AsSpan(dot + 1));
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("The protected value is truncated.");
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The key id a protected value was written under (what a rotation report counts).</summary>
    public static string KeyIdOf(string protectedValue) => protectedValue[..Math.Max(0, protectedValue.IndexOf('.'))];

    private static string Base64UrlEncoder(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
