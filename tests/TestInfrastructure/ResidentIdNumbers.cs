using System.Globalization;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Identity;

namespace TalentMesh.Testing;

/// <summary>
/// Valid resident ID numbers (GB 11643-1999: region, birth date, three sequence digits whose parity is the gender, check
/// character) for tests, benchmarks and the load program. The check character is Registration's own
/// <see cref="Gb11643"/> (linked), so what the tests register cannot drift from what the service accepts.
/// </summary>
public static class ResidentIdNumbers
{
    /// <summary>Hangzhou, Xihu district.</summary>
    public const string Hangzhou = "330106";

    /// <summary>The number of someone born on <paramref name="birthDate"/>; <paramref name="sequence"/> (0–999) is odd for a man.</summary>
    public static string Create(DateOnly birthDate, int sequence, string region = Hangzhou)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{birthDate:yyyyMMdd}{sequence:000}");
        return first17 + Gb11643.CheckCharacter(first17);
    }

    public static Gender GenderOf(int sequence) => sequence % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>
    /// The <paramref name="index"/>-th of 20 million distinct numbers per region (1,000 per birth date, birth dates from
    /// 1960 on), with the birth date and gender it encodes.
    /// </summary>
    public static (string Number, DateOnly BirthDate, Gender Gender) Distinct(long index, string region = Hangzhou)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays((int)(index / 1000 % 20_000));
        var sequence = (int)(index % 1000);
        return (Create(birth, sequence, region), birth, GenderOf(sequence));
    }
}
