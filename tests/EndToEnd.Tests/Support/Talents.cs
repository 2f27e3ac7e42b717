using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>Many talents at once, through the public API with bounded concurrency (the drills' workload).</summary>
public static class Talents
{
    public const int Concurrency = 32;

    public static string Id(string run, int i) => $"{run}-{i:00000}";

    /// <summary>Talent <paramref name="i"/>'s registration: unique resident ID (400 numbers per birth day), age 30–36.</summary>
    public static RegisterTalentRequest Registration(int i) =>
        People.Registration("Test " + new string([.. i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture).Select(digit => (char)('a' + digit - '0'))]), new DateOnly(1990, 1, 1).AddDays(i / 400), i % 400);

    /// <summary>Even talents hold a national program (direct recognition: B), odd ones a provincial one (C).</summary>
    public static Tier ExpectedTier(int i) => i % 2 == 0 ? Tier.B : Tier.C;

    public static (CredentialAttributes, string) Program(int i) =>
        Credentials.TalentProgram(i % 2 == 0 ? TalentProgramLevel.National : TalentProgramLevel.Provincial);

    /// <summary>Runs <paramref name="body"/> for 0..count-1 with <see cref="Concurrency"/> calls in flight.</summary>
    public static Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = TestContext.Current.CancellationToken }, body);
}
