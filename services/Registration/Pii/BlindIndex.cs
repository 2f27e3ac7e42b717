using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TalentMesh.Registration.Pii;

/// <summary>
/// A keyed hash (HMAC-SHA256) of a personal value, for "is this number registered?" without storing the number in a
/// searchable form. The purpose is part of the input, so the same number hashes differently per use.
/// </summary>
public sealed class BlindIndex(IOptions<PiiOptions> options)
{
    private readonly byte[] key = PiiOptions.Decode(options.Value.BlindIndexKey)!;

    public string Compute(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));
}
