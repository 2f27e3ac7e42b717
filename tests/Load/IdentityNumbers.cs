using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Load;

/// <summary>
/// Distinct valid resident ID numbers (GB 11643-1999: region, birth date, sequence, ISO 7064 MOD 11-2 check character),
/// with the birth date and gender they encode. A run prefix in the region digits keeps runs against one mesh apart.
/// </summary>
public static class IdentityNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static (string Number, DateOnly BirthDate, Gender Gender) Get(int run, long index)
    {
        // 1,000 sequence numbers per birth date, 20,000 birth dates (1960–2014): 20 million numbers per region code.
        var birth = new DateOnly(1960, 1, 1).AddDays((int)(index / 1000 % 20_000));
        var sequence = (int)(index % 1000);
        var region = 110000 + run % 10_000;
        var first17 = $"{region:000000}{birth:yyyyMMdd}{sequence:000}";
        return (first17 + CheckCharacter(first17), birth, sequence % 2 == 1 ? Gender.Male : Gender.Female);
    }

    private static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return "10X98765432"[sum % 11];
    }
}
