using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>
/// JWT validation that remembers the tokens it accepted, so a caller's next calls with the same token skip parsing,
/// the signature and the claims (a talent polling, an HR reviewer working a queue: one token, many calls). Only
/// accepted tokens are kept — a rejected token is validated in full every time — and each for at most
/// <see cref="MaxAge"/> and never past its own expiry (without the clock skew the validation allows: stricter, not
/// looser). Each call gets its own copy of the identity, so nothing one request does to its principal reaches another.
/// The set is bounded (<see cref="Capacity"/> tokens, the least recently used leave first).
/// </summary>
/// <remarks>
/// <para>
/// What a cached acceptance does not see: a signing key the identity provider withdraws. The handler itself only
/// refreshes the provider's keys every 12 hours (<c>ConfigurationManager</c>'s automatic refresh), so the minute of
/// <see cref="MaxAge"/> adds little to that window.
/// </para>
/// <para>
/// Why 1,024 tokens: an accepted token with its claims and identity holds 5–8 KB, so the cache stays under ~8 MB. One
/// caller's calls come in bursts of a second or two (an app opening a screen, a reviewer's next item), and even with
/// 300 new callers a second a token stays ~3 s. With 4,096 the load run's Registration and Redemption each held 14–22
/// MB more in gen 2, and their RSS was ~30 MB higher: every token outlived the young generations before it left, so it
/// was garbage the GC made room for in gen 2 (docs/benchmarks.md, "Session 16").
/// </para>
/// </remarks>
public sealed class AcceptedTokenCache : JsonWebTokenHandler, IDisposable
{
    public const int Capacity = 1024;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly TimeProvider time;
    private readonly MemoryCache accepted;

    public AcceptedTokenCache(TimeProvider time)
    {
        this.time = time;
        accepted = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (accepted.TryGetValue(token, out Acceptance? earlier) && earlier!.Until > now)
            return earlier.Copy();
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var until = Min(now + MaxAge, new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc)));
            if (until > now)
            {
                var acceptance = new Acceptance(result, until);
                accepted.Set(token, acceptance, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
                return acceptance.Copy();
            }
        }
        return result;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public void Dispose() => accepted.Dispose();

    /// <summary>
    /// An accepted token's result. Its identity is made once here (the result makes it lazily, which is not safe across
    /// threads) and never handed out: <see cref="Copy"/> gives each call a clone of its own.
    /// </summary>
    private sealed class Acceptance(TokenValidationResult result, DateTimeOffset until)
    {
        private readonly System.Security.Claims.ClaimsIdentity identity = result.ClaimsIdentity;

        public DateTimeOffset Until { get; } = until;

        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = result.SecurityToken,
            ClaimsIdentity = identity.Clone(),
            Issuer = result.Issuer,
            TokenType = result.TokenType,
            TokenContext = result.TokenContext,
        };
    }
}
