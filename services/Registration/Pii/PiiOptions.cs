using System.ComponentModel.DataAnnotations;

namespace TalentMesh.Registration.Pii;

/// <summary>
/// Keys protecting personal data, bound from Registration:Pii (a Kubernetes Secret in deployments). Rotation: add a
/// key under a new id and make it active; records written under older ids stay readable as long as those keys stay listed.
/// </summary>
public sealed class PiiOptions : IValidatableObject
{
    public const string Section = "Registration:Pii";

    /// <summary>The key id new writes use.</summary>
    [Required]
    public string ActiveKeyId { get; set; } = "";

    /// <summary>AES-256 keys by key id, each 32 bytes in base64.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>HMAC-SHA256 key (at least 32 bytes, base64) for the blind index; changing it requires re-indexing.</summary>
    [Required]
    public string BlindIndexKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Keys.ContainsKey(ActiveKeyId))
            yield return new ValidationResult($"The active key '{ActiveKeyId}' is not among Keys.", [nameof(ActiveKeyId)]);
        foreach (var (id, key) in Keys)
        {
            if (id.Length == 0 || id.Contains('.'))
                yield return new ValidationResult($"Key id '{id}' must be non-empty and contain no '.'.", [nameof(Keys)]);
            if (Decode(key) is not { Length: 32 })
                yield return new ValidationResult($"Key '{id}' must be 32 bytes in base64.", [nameof(Keys)]);
        }
        if (Decode(BlindIndexKey) is not { Length: >= 32 })
            yield return new ValidationResult("BlindIndexKey must be at least 32 bytes in base64.", [nameof(BlindIndexKey)]);
    }

    internal static byte[]? Decode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
