using Google.Type;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Testing;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>Valid registrations: resident ID numbers (GB 11643) whose birth date and gender agree with the request.</summary>
public static class People
{
    public const string Employer = "91350100M000100Y43";

    /// <summary>A man's resident ID born on <paramref name="birth"/>; <paramref name="sequence"/> (0–499) makes it unique among that day's births.</summary>
    public static string ResidentId(DateOnly birth, int sequence) => ResidentIdNumbers.Create(birth, sequence * 2 + 1, region: "110105");

    public static RegisterTalentRequest Registration(string fullName, DateOnly birth, int sequence = 0) => new()
    {
        IdentityDocumentType = IdentityDocumentType.ResidentId,
        IdentityNumber = ResidentId(birth, sequence),
        FullName = fullName,
        BirthDate = Date(birth),
        Gender = Gender.Male,
        Phone = "13800000000",
        EmployerCreditCode = Employer,
        IdempotencyKey = Guid.NewGuid().ToString(),
    };

    /// <summary>Born <paramref name="years"/> years (and a few days) before today in China, so the age is exactly that.</summary>
    public static DateOnly BornYearsAgo(int years, int dayOffset = 10) =>
        DateOnly.FromDateTime(System.DateTime.UtcNow.AddHours(8)).AddYears(-years).AddDays(-dayOffset);

    public static Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static SubmitCredentialRequest Submission(string talentId, CredentialAttributes attributes, string reference)
    {
        var request = new SubmitCredentialRequest
        {
            TalentId = talentId,
            Attributes = attributes,
            VerificationReference = reference,
            IdempotencyKey = Guid.NewGuid().ToString(),
        };
        request.Evidence.Add(new Evidence { ContentHash = "sha256:" + new string('a', 64), MediaType = "application/pdf", SizeBytes = 120_000, Description = "scan" });
        return request;
    }
}
