using System.Runtime.CompilerServices;

namespace TalentMesh.Testing;

/// <summary>Per-test key prefixes, so tests sharing one Redis never see each other's data.</summary>
public static class TestKeys
{
    private static int counter;

    public static string Prefix([CallerMemberName] string caller = "") =>
        $"t{Interlocked.Increment(ref counter)}-{caller.ToLowerInvariant()[..Math.Min(caller.Length, 40)]}:";
}
