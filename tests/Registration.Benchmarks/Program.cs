using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Benchmarks;

/// <summary>The entry point (a named class: top-level statements would declare a second global Program).</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release --project tests/Registration.Benchmarks [seconds per run] [concurrency]
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var duration = TimeSpan.FromSeconds(seconds);

        // Outside a test assembly WebApplicationFactory does not find the service's content root by itself.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTMESH_REGISTRATION", ServiceDirectory());
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await ServiceHost<Program>.StartAsync(redis.ConnectionString, "bench:", settings =>
        {
            // Benchmark load comes from a handful of subjects; the per-subject limits would measure the limiter instead.
            settings["Registration:RateLimits:RegistrationsPerMinute"] = "1000000";
            settings["Registration:RateLimits:VerificationsPerMinute"] = "1000000";
            settings["Logging:LogLevel:Default"] = "Warning";
        }, services: registrations => registrations.AddSingleton(TimeProvider.System)); // the real clock, as in production (the test clock takes a lock per read)
        var issuer = new AccessTokenIssuer(host.Services.GetRequiredService<IOptions<AuthOptions>>(), TimeProvider.System);
        var talents = new TalentService.TalentServiceClient(host.Channel);
        var codes = new TalentCodeService.TalentCodeServiceClient(host.Channel);
        CallOptions As(string token) => new(new Metadata { { "Authorization", "Bearer " + token } });

        // Set-up: a talent holding tier D with a code, and tokens for the applicants RegisterTalent will register.
        var holder = issuer.Issue("holder", Roles.Applicant);
        var (number, birth, gender) = ResidentIdNumbers.Distinct(99_999_999);
        await talents.RegisterTalentAsync(Request(number, birth, gender), As(holder));
        await new TopicStreams(host.Redis, host.TopicPrefix).PublishAsync(new TalentEvaluated
        {
            TalentId = "holder", EvaluationSequence = 1, Tier = Tier.D,
            CertificationValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(3)),
        }, "evaluation");
        await Eventually.TrueAsync(async () => await host.Redis.GetDatabase().KeyExistsAsync("bench:code-active:holder"), TimeSpan.FromSeconds(30), "the code is issued");
        var code = await codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = "holder" }, As(holder));
        var scanner = As(issuer.Issue("scanner-1", Roles.Scanner, TimeSpan.FromHours(2)));
        var applicantTokens = Enumerable.Range(0, 200_000).Select(i => issuer.Issue($"bench-{i}", Roles.Applicant, TimeSpan.FromHours(2))).ToArray();
        Console.WriteLine($"Registration benchmark: {seconds} s per run, {concurrency} concurrent calls, client and server in one process, h2c on loopback, redis-server on loopback; load average {LoadAverage()}.");

        // The ceiling: the same host, port, interceptors and bearer-token validation, but no Redis and no signing.
        var baseline = await ClosedLoop.RunAsync("no-op gRPC (ListPublicKeys: token checked, no Redis)", concurrency, duration,
            async _ => await codes.ListPublicKeysAsync(new ListPublicKeysRequest(), scanner));
        var register = await ClosedLoop.RunAsync("RegisterTalent", concurrency, duration, async i =>
        {
            var (n, b, g) = ResidentIdNumbers.Distinct(i);
            await talents.RegisterTalentAsync(Request(n, b, g), As(applicantTokens[i % applicantTokens.Length]));
        });
        var verify = await ClosedLoop.RunAsync("VerifyTalentCode", concurrency, duration,
            async _ =>
            {
                var response = await codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = code.QrPayload }, scanner);
                if (!response.Valid)
                    throw new InvalidOperationException("The code did not verify: " + response.Result);
            });

        Console.WriteLine();
        Console.WriteLine($"{"call",-52} {"calls/s",10} {"p50 ms",8} {"p99 ms",8} {"% of no-op",10} {"CPU µs/call",12} {"failed",7}");
        foreach (var run in new[] { baseline, register, verify })
            Console.WriteLine($"{run.Name,-52} {run.PerSecond,10:N0} {run.P50Ms,8:N2} {run.P99Ms,8:N2} {100 * run.PerSecond / baseline.PerSecond,9:N0}% {run.CpuMicrosPerCall,12:N0} {run.Failures,7}");
        Console.WriteLine(await VerificationCost.MeasureAsync(host.Services, code.QrPayload));
        Console.WriteLine(await PipelineCost.MeasureAsync(host.Services, concurrency));
        Console.WriteLine($"CPU per call is this process's (client + server); beyond the no-op: RegisterTalent {register.CpuMicrosPerCall - baseline.CpuMicrosPerCall:N0} µs, " +
            $"VerifyTalentCode {verify.CpuMicrosPerCall - baseline.CpuMicrosPerCall:N0} µs. Load average at the end {LoadAverage()}.");
        return register.Failures + verify.Failures + baseline.Failures == 0 ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string ServiceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TalentMesh.sln")))
                return Path.Combine(directory.FullName, "services", "Registration");
        }
        throw new InvalidOperationException("Run the benchmark from a clone of the repository (TalentMesh.sln not found).");
    }

    private static RegisterTalentRequest Request(string number, DateOnly birth, Gender gender) => new()
    {
        IdentityDocumentType = IdentityDocumentType.ResidentId,
        IdentityNumber = number,
        FullName = "张小明",
        BirthDate = new Google.Type.Date { Year = birth.Year, Month = birth.Month, Day = birth.Day },
        Gender = gender,
        Phone = "13800000000",
        EmployerCreditCode = "91350100M000100Y43",
        IdempotencyKey = Guid.NewGuid().ToString(),
    };
}
