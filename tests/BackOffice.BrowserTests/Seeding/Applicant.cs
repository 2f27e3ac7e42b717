using Google.Type;
using Grpc.Core;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.BackOffice.BrowserTests.Seeding;

/// <summary>
/// A talent acting for themselves through the services' gRPC API (token subject = talent id), the way the applicants'
/// app would: register, submit credentials, redeem. Every applicant is new, so tests never share data.
/// </summary>
public sealed class Applicant(ConsoleMesh mesh, string talentId)
{
    public const string Employer = "91350100M000100Y43";

    public string TalentId { get; } = talentId;

    public CallOptions Call => mesh.Call(Roles.Applicant, TalentId);

    public CredentialService.CredentialServiceClient Credentials { get; } = new(mesh.Registration);

    public static async Task<Applicant> RegisterAsync(ConsoleMesh mesh, string fullName)
    {
        var applicant = new Applicant(mesh, "tal-" + Guid.NewGuid().ToString("N")[..12]);
        var birth = new DateOnly(1988, 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
        await new TalentService.TalentServiceClient(mesh.Registration).RegisterTalentAsync(new RegisterTalentRequest
        {
            IdentityDocumentType = IdentityDocumentType.ResidentId,
            IdentityNumber = ResidentIdNumbers.Create(birth, Interlocked.Increment(ref sequence) % 500 * 2), // even: female
            FullName = fullName,
            BirthDate = new Date { Year = birth.Year, Month = birth.Month, Day = birth.Day },
            Gender = Gender.Female,
            Phone = "138" + Random.Shared.Next(10_000_000, 99_999_999),
            EmployerCreditCode = Employer,
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, applicant.Call);
        return applicant;
    }

    public async Task<Credential> SubmitAsync(CredentialAttributes attributes, string reference)
    {
        var request = new SubmitCredentialRequest
        {
            TalentId = TalentId,
            Attributes = attributes,
            VerificationReference = reference,
            IdempotencyKey = Guid.NewGuid().ToString(),
        };
        request.Evidence.Add(new Evidence
        {
            ContentHash = "sha256:" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, 'a'),
            MediaType = "application/pdf",
            SizeBytes = 120_000,
            Description = "scan",
        });
        return await Credentials.SubmitCredentialAsync(request, Call);
    }

    public Task<Credential> SubmitDegreeAsync(EducationLevel level) => SubmitAsync(
        new CredentialAttributes { Degree = new DegreeAttributes { Level = level, Institution = "浙江大学", Major = "计算机科学",
            GraduationDate = new Date { Year = 2015, Month = 6, Day = 30 }, FullTime = true } },
        Reference(16));

    public Task<Credential> SubmitTalentProgramAsync(TalentProgramLevel level) => SubmitAsync(
        new CredentialAttributes { TalentProgram = new TalentProgramAttributes { Level = level, ProgramTitle = "人才计划", Year = 2021 } },
        "TP-" + Reference(10));

    public Task<Credential> SubmitPatentAsync() => SubmitAsync(
        new CredentialAttributes { Patent = new PatentAttributes { Kind = PatentKind.Invention, PatentNumber = "ZL2023" + Random.Shared.Next(10_000_000, 99_999_999) + ".1",
            InventorRank = 1, GrantedDate = new Date { Year = 2024, Month = 3, Day = 1 } } },
        "ZL-" + Reference(10));

    /// <summary>Upper-case letters and digits, the shape of a 学信网 code (16) or a record number.</summary>
    /// <summary>Sequence numbers of this run's applicants, from a random start so reruns against one mesh do not collide.</summary>
    private static int sequence = Random.Shared.Next(0, 500);

    private static string Reference(int length) => Guid.NewGuid().ToString("N").ToUpperInvariant()[..length];
}
