namespace TalentMesh.BackOffice.SignIn;

/// <summary>
/// The OpenID Connect provider the console signs users in with (section <c>BackOffice:Oidc</c>) — the same provider
/// the services trust (<c>Auth:Authority</c>), so the access token it issues is accepted by them.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "BackOffice:Oidc";

    public string? Authority { get; set; }

    public string? MetadataAddress { get; set; }

    public string ClientId { get; set; } = "talentmesh-backoffice";

    public string? ClientSecret { get; set; }

    /// <summary>Scopes besides openid and profile, e.g. the services' API scope so the access token is for them.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim carrying the role, as the services read it (<c>Auth:RoleClaim</c>).</summary>
    public string RoleClaim { get; set; } = "role";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);
}
