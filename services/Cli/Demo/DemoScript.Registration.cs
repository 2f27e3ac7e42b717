using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Credentials;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>Steps 1–3: registration, credentials, HR review.</summary>
public sealed partial class DemoScript
{
    private async Task RegisterAsync(IReadOnlyList<DemoTalent> cast)
    {
        Step("Three talents register (as applicants; identity numbers fresh and valid for this run)");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("talent").AddColumn("name").AddColumn("identity (masked)")
            .AddColumn("birth date").AddColumn("phone (masked)").AddColumn("status");
        foreach (var talent in cast)
        {
            var registered = await Mesh.Talents.RegisterTalentAsync(new RegisterTalentRequest
            {
                IdentityDocumentType = IdentityDocumentType.ResidentId,
                IdentityNumber = talent.IdentityNumber,
                FullName = talent.Name,
                BirthDate = DemoCast.DateOf(talent.BirthDate),
                Gender = talent.Gender,
                Phone = talent.Phone,
                EmployerCreditCode = DemoCast.Employer,
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await AsApplicant(MeshService.Registration, talent));
            Expect(registered.Status == TalentStatus.Active && registered.TalentId == talent.TalentId, $"{talent.TalentId} should be registered and active, is {registered.Status}");
            table.AddRow(registered.TalentId, registered.FullName, registered.IdentityNumberMasked, Display.Of(registered.BirthDate), registered.PhoneMasked, Display.Kebab(registered.Status));
        }
        Console.Write(table);
        Ok("three talents registered; identity and phone numbers come back masked");
    }

    private async Task SubmitAsync(IReadOnlyList<DemoTalent> cast)
    {
        Step("They submit their credentials with evidence");
        var table = CredentialView.Table("submitted");
        foreach (var talent in cast)
        {
            submitted[talent.TalentId] = [];
            foreach (var credential in talent.Credentials)
            {
                var request = new SubmitCredentialRequest
                {
                    TalentId = talent.TalentId,
                    Attributes = credential.Attributes,
                    VerificationReference = credential.Reference,
                    IdempotencyKey = Guid.NewGuid().ToString(),
                };
                request.Evidence.Add(Parsing.EvidenceFromText($"{talent.TalentId} {credential.Reference} scan"));
                var stored = await Mesh.Credentials.SubmitCredentialAsync(request, await AsApplicant(MeshService.Registration, talent));
                Expect(stored.Status == CredentialStatus.Submitted, $"{stored.CredentialId} should be submitted, is {stored.Status}");
                submitted[talent.TalentId].Add(stored);
                CredentialView.AddRow(table, stored);
            }
        }
        Console.Write(table);
        Ok($"{submitted.Values.Sum(list => list.Count)} credentials in HR's queue");
    }

    private async Task ReviewAsync(IReadOnlyList<DemoTalent> cast)
    {
        Step("HR reviews the queue: verifies what checks out, rejects one award");
        var queue = await Mesh.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { EmployerCreditCode = DemoCast.Employer, PageSize = 1 }, await Call(MeshService.Registration, hr));
        Note($"HR's queue for employer {DemoCast.Employer}: {queue.TotalPending} pending. Each verification re-evaluates the talent (credential.verified → Evaluation); the demo shows each new result as it lands.");
        foreach (var talent in cast)
            talentWatches[talent.TalentId] = await TalentWatch.OpenAsync(Mesh, talent, session.CancellationToken);
        Note("Meanwhile each talent's app watches its own record (WatchMyTalent): Registration will push the new tier to it (step 4).");
        var table = CredentialView.Table($"reviewed by {hr.Subject}");
        foreach (var talent in cast)
        {
            for (var i = 0; i < talent.Credentials.Count; i++)
            {
                var plan = talent.Credentials[i];
                var id = submitted[talent.TalentId][i].CredentialId;
                var reviewed = plan.Verified
                    ? await Mesh.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = id, Note = "checked against the issuer" }, await Call(MeshService.Registration, hr))
                    : await Mesh.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = id, Reason = plan.RejectReason }, await Call(MeshService.Registration, hr));
                var expected = plan.Verified ? CredentialStatus.Verified : CredentialStatus.Rejected;
                Expect(reviewed.Status == expected, $"{id} should be {expected}, is {reviewed.Status}");
                submitted[talent.TalentId][i] = reviewed;
                CredentialView.AddRow(table, reviewed);
                if (!plan.Verified)
                {
                    Console.MarkupLineInterpolated($"  [red]✗[/] {talent.Name} {Display.Kebab(reviewed.CredentialType)} rejected: {reviewed.Reason}");
                    continue;
                }
                var evaluation = (await EvaluationCountingAsync(talent.TalentId, new HashSet<string> { id }))!;
                Console.MarkupLineInterpolated($"  [green]✓[/] {talent.Name} {Display.Kebab(reviewed.CredentialType)} verified → evaluation #{evaluation.EvaluationSequence}: {Display.Of(evaluation.TotalPoints)} points, {(evaluation.Tier == Tier.None ? "no tier" : $"tier {Display.Of(evaluation.Tier)}")}");
            }
        }
        Console.Write(table);
        Ok("every credential reviewed; Registration published credential.verified / credential.rejected and Evaluation re-scored each talent");
    }
}
