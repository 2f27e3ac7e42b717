using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.BackOffice.BrowserTests.Seeding;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using static Microsoft.Playwright.Assertions;

namespace TalentMesh.BackOffice.BrowserTests;

public sealed class HrReviewTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task PendingQueue_ThreeCredentialsOneRejected_QueueClearedAndRegistrationHoldsTheDecisions()
    {
        var applicant = await Applicant.RegisterAsync(mesh, "李审核");
        var degree = await applicant.SubmitDegreeAsync(EducationLevel.Master);
        var patent = await applicant.SubmitPatentAsync();
        var program = await applicant.SubmitTalentProgramAsync(TalentProgramLevel.Municipal);
        await using var hr = await ConsoleSession.SignInAsync(mesh, Roles.Hr, "hr-browser");

        await hr.OpenAsync("/credentials");
        foreach (var credential in new[] { degree, patent, program })
            await Expect(Row(hr.Page, credential)).ToBeVisibleAsync();
        await hr.ScreenshotAsync("hr-credential-queue");

        await DecideAsync(hr, degree, reject: null);
        await DecideAsync(hr, patent, reject: "The patent number does not match the CNIPA record.");
        await DecideAsync(hr, program, reject: null);

        await hr.OpenAsync("/credentials");
        foreach (var credential in new[] { degree, patent, program })
            await Expect(Row(hr.Page, credential)).ToHaveCountAsync(0);

        var credentials = new CredentialService.CredentialServiceClient(mesh.Registration);
        var held = await credentials.ListCredentialsAsync(new ListCredentialsRequest { TalentId = applicant.TalentId, PageSize = 10 },
            mesh.Call(Roles.Hr, "hr-check"));
        var byId = held.Credentials.ToDictionary(credential => credential.CredentialId);
        Assert.Equal(CredentialStatus.Verified, byId[degree.CredentialId].Status);
        Assert.Equal(CredentialStatus.Rejected, byId[patent.CredentialId].Status);
        Assert.Equal("The patent number does not match the CNIPA record.", byId[patent.CredentialId].Reason);
        Assert.Equal(CredentialStatus.Verified, byId[program.CredentialId].Status);
        Assert.All(byId.Values, credential => Assert.Equal("hr-browser", credential.ReviewedBy));
    }

    private static ILocator Row(IPage page, Credential credential) => page.Locator($"tr[data-credential='{credential.CredentialId}']");

    /// <summary>From the queue to the credential's page, verify or reject with a reason, and see the outcome shown.</summary>
    private static async Task DecideAsync(ConsoleSession hr, Credential credential, string? reject)
    {
        await hr.OpenAsync("/credentials");
        await Row(hr.Page, credential).GetByRole(AriaRole.Link).ClickAsync();
        await hr.WaitForHeadingAsync();
        await Expect(hr.Page.GetByTestId("credential-status")).ToHaveTextAsync("submitted");
        if (reject is null)
        {
            await hr.Page.GetByTestId("verify").ClickAsync();
            await Expect(hr.Page.GetByTestId("decision-saved")).ToContainTextAsync("verified");
            await Expect(hr.Page.GetByTestId("credential-status")).ToHaveTextAsync("verified");
            return;
        }
        await hr.ScreenshotAsync("hr-credential-review");
        await hr.Page.GetByLabel("Reason for rejection").FillAsync(reject);
        await hr.Page.GetByTestId("reject").ClickAsync();
        await Expect(hr.Page.GetByTestId("decision-saved")).ToContainTextAsync("rejected");
        await Expect(hr.Page.GetByTestId("credential-summary")).ToContainTextAsync(reject);
    }
}
