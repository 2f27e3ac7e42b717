using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Registration.TalentCodes;

namespace TalentMesh.Registration.Benchmarks;

/// <summary>
/// What one verification costs inside the service, on one thread in the steady state: the bare ECDSA P-256 check of a
/// signature, the whole token check (Base45 + COSE decode + signature + claims) and the whole verification including
/// the Redis reads (serial, tier standing, talent). The differences show what is spent around the cryptography.
/// </summary>
public static class VerificationCost
{
    public static async Task<string> MeasureAsync(IServiceProvider services, string qrPayload, int iterations = 3_000)
    {
        var codec = services.GetRequiredService<CodeTokenCodec>();
        var verifier = services.GetRequiredService<CodeVerifier>();
        var key = services.GetRequiredService<SigningKeyRing>().Active.Key;
        var hash = SHA256.HashData("talent code"u8);
        var signature = key.SignHash(hash);
        var request = new Contracts.Registration.V1.VerifyTalentCodeRequest { QrPayload = qrPayload };

        var ecdsa = Time(iterations, () => key.VerifyHash(hash, signature));
        var token = Time(iterations, () => codec.Verify(qrPayload).Token is not null);
        var whole = await TimeAsync(iterations, async () => (await verifier.VerifyAsync(request, CancellationToken.None)).Valid);
        return $"one verification on one thread: ECDSA P-256 alone {ecdsa.Wall:N1} µs ({ecdsa.Cpu:N1} µs CPU), token check (Base45 + COSE + signature + claims) " +
            $"{token.Wall:N1} µs ({token.Cpu:N1} µs CPU), CodeVerifier with its Redis reads {whole.Wall:N1} µs ({whole.Cpu:N1} µs CPU, this process)";
    }

    private static (double Wall, double Cpu) Time(int iterations, Func<bool> call) =>
        TimeAsync(iterations, () => Task.FromResult(call())).GetAwaiter().GetResult();

    private static async Task<(double Wall, double Cpu)> TimeAsync(int iterations, Func<Task<bool>> call)
    {
        for (var i = 0; i < iterations / 10; i++)
            Check(await call());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
            Check(await call());
        return (clock.Elapsed.TotalMicroseconds / iterations, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations);
    }

    private static void Check(bool valid)
    {
        if (!valid)
            throw new InvalidOperationException("The code did not verify during the cost measurement.");
    }
}
