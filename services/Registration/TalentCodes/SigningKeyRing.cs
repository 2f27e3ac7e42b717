using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>A configured signing key with what verifiers need to know about it.</summary>
public sealed record SigningKey(string KeyId, ECDsa Key, bool Active, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter);

/// <summary>
/// The talent-code signing keys by kid. One signs; every configured key verifies, so rotating (a new active kid,
/// the old one kept with RetiredAt) never invalidates a token the old key signed before it expires.
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly Dictionary<string, SigningKey> keys = new(StringComparer.Ordinal);

    public SigningKeyRing(IOptions<TalentCodeOptions> options)
    {
        var settings = options.Value;
        foreach (var (kid, key) in settings.SigningKeys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var notAfter = key.RetiredAt + settings.TokenLifetime;
            keys[kid] = new SigningKey(kid, TryLoad(key.PrivateKey)!, kid == settings.ActiveKeyId, key.NotBefore, notAfter);
        }
        Active = keys[settings.ActiveKeyId];
    }

    public SigningKey Active { get; }

    public IReadOnlyCollection<SigningKey> All => keys.Values;

    public SigningKey? Find(string keyId) => keys.GetValueOrDefault(keyId);

    public static ECDsa? TryLoad(string privateKey)
    {
        var key = ECDsa.Create();
        try
        {
            if (privateKey.Contains("-----BEGIN", StringComparison.Ordinal))
                key.ImportFromPem(privateKey);
            else
                ImportDer(key, Convert.FromBase64String(privateKey));
            if (key.KeySize == 256 && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value)
                return key;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
        }
        key.Dispose();
        return null;
    }

    /// <summary>PKCS#8 as documented; SEC1 ("EC PRIVATE KEY", what some openssl versions write) is accepted too.</summary>
    private static void ImportDer(ECDsa key, byte[] der)
    {
        try
        {
            key.ImportPkcs8PrivateKey(der, out _);
        }
        catch (CryptographicException)
        {
            key.ImportECPrivateKey(der, out _);
        }
    }

    public void Dispose()
    {
        foreach (var key in keys.Values)
            key.Key.Dispose();
    }
}
