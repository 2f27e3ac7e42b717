using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Identity;

namespace TalentMesh.Cli.Demo;

/// <summary>
/// Fresh, valid resident ID numbers (GB 11643-1999: region, birth date, sequence whose parity is the gender, check
/// character) so every demo run registers new people. The check character comes from Registration's own
/// <see cref="Gb11643"/> (linked into this project), so the demo cannot drift from what the service accepts.
/// </summary>
public static class ResidentIdNumbers
{
    /// <summary>Hangzhou, Xihu district.</summary>
    private const string Region = "330106";

    public static string Create(DateOnly birthDate, Gender gender, Random random)
    {
        var sequence = random.Next(0, 500) * 2 + (gender == Gender.Male ? 1 : 0);
        var first17 = $"{Region}{birthDate:yyyyMMdd}{sequence:000}";
        return first17 + Gb11643.CheckCharacter(first17);
    }
}
