namespace TalentMesh.Registration.Identity;

/// <summary>The GB 11643-1999 check character, shared by resident IDs, HMT residence permits and the 2023 foreign permanent residence ID.</summary>
/// <remarks>Internal: the CLI and the test infrastructure link this file to make numbers the service accepts, and an internal
/// type in each keeps a project that sees two of them from finding the name twice.</remarks>
internal static class Gb11643
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for 17 digits; null when any of them is not a digit.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
            return null;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
                return null;
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>18 characters whose last one is the check character of the first 17 digits.</summary>
    public static bool HasValidCheckCharacter(string number) =>
        number.Length == 18 && CheckCharacter(number.AsSpan(0, 17)) == number[17];
}
