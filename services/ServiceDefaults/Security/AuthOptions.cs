using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>JWT validation settings; the signing key comes from a secret, never from the repository.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = "talentmesh";

    [Required]
    public string Audience { get; set; } = "talentmesh-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8 (e.g. 44 base64 characters of random bytes).</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
