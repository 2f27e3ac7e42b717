using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Registration.Security;

/// <summary>Per-subject token buckets for the calls worth abusing, bound from Registration:RateLimits.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Registration:RateLimits";
    public const string Registration = "registration";
    public const string CodeVerification = "code-verification";

    /// <summary>RegisterTalent calls a subject may burst (a person registers once; retries and typos need a few).</summary>
    [Range(1, 1_000_000)]
    public int RegistrationsPerMinute { get; set; } = 10;

    /// <summary>VerifyTalentCode calls per scanner per minute (a busy service point scans a few per second).</summary>
    [Range(1, 10_000_000)]
    public int VerificationsPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    /// <summary>
    /// Registers the limiter. A rejected gRPC call must say RESOURCE_EXHAUSTED: HTTP 429 would reach a gRPC client as
    /// UNAVAILABLE (the HTTP-to-gRPC status mapping), so the rejection is written as a trailers-only gRPC response.
    /// </summary>
    public static IServiceCollection AddRegistrationRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.AddPolicy(RateLimitOptions.Registration, context => PerSubject(context, limits.Value.RegistrationsPerMinute));
            limiter.AddPolicy(RateLimitOptions.CodeVerification, context => PerSubject(context, limits.Value.VerificationsPerMinute));
            limiter.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                if (context.HttpContext.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
                {
                    response.StatusCode = StatusCodes.Status200OK;
                    response.ContentType = "application/grpc";
                    response.Headers["grpc-status"] = ((int)Grpc.Core.StatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    response.Headers["grpc-message"] = "Rate limit reached; retry later.";
                }
                else
                {
                    response.StatusCode = StatusCodes.Status429TooManyRequests;
                }
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// A bucket of <paramref name="perMinute"/> tokens (the burst) that regains one token every minute / perMinute, so the
    /// sustained rate is the same as refilling it all once a minute. Refilled token by token, a bucket that was used once
    /// is full again after one period, and the limiter drops a full bucket after it has been idle for ~10 s: with a
    /// whole-minute period every new applicant's bucket lived for over a minute, and the limiter's 100 ms heartbeat visited
    /// them all (3.4 % of Registration's CPU in a profile at 300 registrations/s). No bucket has a timer of its own: the
    /// heartbeat refills them (AutoReplenishment off), in proportion to the time passed.
    /// </summary>
    private static RateLimitPartition<string> PerSubject(HttpContext context, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(context.User.FindFirst(Roles.SubjectClaim)?.Value ?? "anonymous", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
}
