using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TalentMesh.Registration.Pii;
using TalentMesh.Registration.TalentCodes;

namespace TalentMesh.Registration.Tests.Domain;

/// <summary>Fresh keys for tests, in the shapes configuration carries them.</summary>
public static class TestKeyMaterial
{
    public static string AesKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string SigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    public static PiiOptions Pii(string active, params (string Id, string Key)[] keys) => new()
    {
        ActiveKeyId = active,
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        BlindIndexKey = Convert.ToBase64String(new byte[32]),
    };

    public static SigningKeyRing Ring(string active, params (string Id, string Key)[] keys) => new(Options.Create(new TalentCodeOptions
    {
        ActiveKeyId = active,
        SigningKeys = keys.ToDictionary(k => k.Id, k => new SigningKeyOptions { PrivateKey = k.Key }),
    }));
}
