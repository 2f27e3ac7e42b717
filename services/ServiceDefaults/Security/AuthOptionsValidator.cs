using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>
/// One way to trust tokens per environment: an OpenID Connect provider, or — in Development only — the shared key
/// that local tools mint development tokens with. A deployment that still carries the shared key refuses to start,
/// because anyone holding that key could mint an admin token.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var hasKey = !string.IsNullOrEmpty(options.SigningKey);
        if (options.UsesIdentityProvider && hasKey)
            return Fail("set either 'Authority' (an OpenID Connect provider) or 'SigningKey' (Development), not both");
        if (!options.UsesIdentityProvider && !hasKey)
            return Fail("'Authority' (an OpenID Connect provider) is required; 'SigningKey' may stand in for it in Development only");
        if (hasKey && string.IsNullOrWhiteSpace(options.Issuer))
            return Fail("'Issuer' is required with 'SigningKey' (there is no discovery document to name it)");
        if (hasKey && !environment.IsDevelopment())
            return Fail($"'SigningKey' (a shared symmetric key) is for Development and tests only, not '{environment.EnvironmentName}': set 'Authority'");
        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Fail(string reason) => ValidateOptionsResult.Fail($"Auth: {reason}.");
}
