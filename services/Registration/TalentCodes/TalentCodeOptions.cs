using System.ComponentModel.DataAnnotations;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>One ECDSA P-256 signing key (a Kubernetes Secret in deployments).</summary>
public sealed class SigningKeyOptions
{
    /// <summary>PKCS#8 private key, base64 (DER) or PEM.</summary>
    [Required]
    public string PrivateKey { get; set; } = "";

    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>When the key stopped signing; tokens it signed stay valid until they expire.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>Bound from Registration:TalentCodes.</summary>
public sealed class TalentCodeOptions : IValidatableObject
{
    public const string Section = "Registration:TalentCodes";

    /// <summary>The kid that signs new tokens; the others only verify.</summary>
    [Required]
    public string ActiveKeyId { get; set; } = "";

    public Dictionary<string, SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>How long a displayed token lives; the app refreshes it before then.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Prefix of the QR payload; the digit is the token format version.</summary>
    public const string QrPrefix = "TM1:";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SigningKeys.ContainsKey(ActiveKeyId))
            yield return new ValidationResult($"The active signing key '{ActiveKeyId}' is not among SigningKeys.", [nameof(ActiveKeyId)]);
        foreach (var (kid, key) in SigningKeys)
        {
            if (kid.Length is 0 or > 16)
                yield return new ValidationResult($"Key id '{kid}' must be 1–16 characters (it travels in every QR code).", [nameof(SigningKeys)]);
            if (SigningKeyRing.TryLoad(key.PrivateKey) is not { } loaded)
                yield return new ValidationResult($"Signing key '{kid}' is not a PKCS#8 ECDSA P-256 private key.", [nameof(SigningKeys)]);
            else
                loaded.Dispose();
        }
    }
}
