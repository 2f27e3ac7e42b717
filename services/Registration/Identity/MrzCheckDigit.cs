namespace TalentMesh.Registration.Identity;

/// <summary>The ICAO 9303 check digit (weights 7-3-1; digits as themselves, A–Z as 10–35, '&lt;' as 0).</summary>
public static class MrzCheckDigit
{
    private static readonly int[] Weights = [7, 3, 1];

    public static int? Compute(ReadOnlySpan<char> characters)
    {
        var sum = 0;
        for (var i = 0; i < characters.Length; i++)
        {
            int? value = characters[i] switch
            {
                >= '0' and <= '9' and var digit => digit - '0',
                >= 'A' and <= 'Z' and var letter => letter - 'A' + 10,
                '<' => 0,
                _ => null,
            };
            if (value is null)
                return null;
            sum += value.Value * Weights[i % 3];
        }
        return sum % 10;
    }
}
