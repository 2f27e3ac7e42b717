using TalentMesh.Cli.Demo;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Cli.Tests.Support;

/// <summary>Fresh talents for a test: a unique id and a valid resident ID number with the birth date and gender it encodes.</summary>
public static class People
{
    public static (string TalentId, string Number, string BirthDate, string Gender) NewTalent(string name)
    {
        var birth = new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(0, 3000));
        var gender = Random.Shared.Next(2) == 0 ? Gender.Male : Gender.Female;
        return ($"{name}-{Guid.NewGuid():N}"[..24], ResidentIdNumbers.Create(birth, gender, Random.Shared), birth.ToString("yyyy-MM-dd"),
            gender == Gender.Male ? "male" : "female");
    }

    /// <summary>talentmesh arguments that register <paramref name="talentId"/>.</summary>
    public static string[] Register(string talentId, string number, string birthDate, string gender) =>
    [
        "talents", "register", "--as", $"applicant:{talentId}", "--name", "张小明", "--number", number, "--birth-date", birthDate,
        "--gender", gender, "--phone", "13800000000", "--employer", DemoCast.Employer,
    ];
}
