using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Identity;

namespace TalentMesh.Registration.Benchmarks;

/// <summary>Distinct valid resident ID numbers (varying birth date and sequence) with the birth date and gender they encode.</summary>
public static class IdentityNumberSource
{
    public static (string Number, DateOnly BirthDate, Gender Gender) Get(long index)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays((int)(index / 1000 % 15_000));
        var sequence = (int)(index % 1000);
        var first17 = $"330106{birth:yyyyMMdd}{sequence:000}";
        var number = first17 + Gb11643.CheckCharacter(first17);
        return (number, birth, sequence % 2 == 1 ? Gender.Male : Gender.Female);
    }
}
