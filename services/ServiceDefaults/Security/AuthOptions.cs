using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>
/// JWT validation settings. Production trusts an OpenID Connect provider (<see cref="Authority"/>: asymmetric keys
/// from its discovery document); the shared <see cref="SigningKey"/> is for Development and tests only, and
/// <see cref="AuthOptionsValidator"/> refuses it anywhere else.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Expected <c>iss</c>. With an <see cref="Authority"/>, empty means "the issuer its discovery document names".</summary>
    public string? Issuer { get; set; } = "talentmesh";

    [Required]
    public string Audience { get; set; } = "talentmesh-api";

    /// <summary>The OpenID Connect provider's issuer URL; its signing keys are fetched from its discovery document.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address, when it is not <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Off only for a provider on loopback in tests; production metadata is fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that carries the caller's role; providers differ ("role", "roles", a custom claim).</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9_:/.\-]{1,200}$")]
    public string RoleClaim { get; set; } = Roles.RoleClaim;

    /// <summary>Development and tests only: an HMAC-SHA256 key of at least 32 bytes of UTF-8.</summary>
    [MinLength(32)]
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesIdentityProvider => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);
}
