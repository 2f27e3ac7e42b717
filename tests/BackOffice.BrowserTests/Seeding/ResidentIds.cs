namespace TalentMesh.BackOffice.BrowserTests.Seeding;

/// <summary>
/// Fresh, valid mainland resident ID numbers (GB 11643: address code, birth date, sequence, check character), so every
/// test registers talents that no other test registered (an identity number registers once).
/// </summary>
public static class ResidentIds
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static int sequence = Random.Shared.Next(0, 500);

    /// <summary>A number for someone born on <paramref name="birthDate"/> (Hangzhou address code, female sequence digit).</summary>
    public static string Next(DateOnly birthDate)
    {
        var serial = Interlocked.Increment(ref sequence) % 500 * 2; // even last sequence digit: female
        var first17 = $"330106{birthDate:yyyyMMdd}{serial:000}";
        var sum = first17.Select((digit, i) => (digit - '0') * Weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
