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

    [Fact]
    public async Task Verify_WithCorrectedAttributes_ServerViolationBesideTheField_ThenRegistrationHoldsTheCorrection()
    {
        var applicant = await Applicant.RegisterAsync(mesh, "钱更正");
        var degree = await applicant.SubmitDegreeAsync(EducationLevel.Master);
        await using var hr = await ConsoleSession.SignInAsync(mesh, Roles.Hr, "hr-corrector");

        await hr.OpenAsync($"/credentials/{degree.CredentialId}");
        await hr.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Correct the attributes before verifying" }).CheckAsync();
        await Expect(hr.Page.Locator("#correct-graduation-date")).ToHaveValueAsync("2015-06-30");
        await hr.Page.Locator("#correct-graduation-date").FillAsync("2999-06-30");
        await hr.Page.GetByTestId("verify").ClickAsync();
        await Expect(hr.Page.Locator(".mud-input-control:has(#correct-graduation-date)")).ToContainTextAsync("future");
        await Expect(hr.Page.GetByTestId("credential-status")).ToHaveTextAsync("submitted");
        await AxeScan.AssertNoSeriousViolationsAsync(hr.Page, "credential review with corrections and a field violation");

        await hr.Page.Locator("#correct-graduation-date").FillAsync("2016-07-01");
        await hr.Page.Locator("#correct-major").FillAsync("软件工程");
        await hr.Page.GetByTestId("verify").ClickAsync();
        await Expect(hr.Page.GetByTestId("credential-status")).ToHaveTextAsync("verified");
        await Expect(hr.Page.GetByTestId("credential-attributes").Locator("[data-field=graduation_date]")).ToHaveTextAsync("2016-07-01");

        var held = await new CredentialService.CredentialServiceClient(mesh.Registration).GetCredentialAsync(
            new GetCredentialRequest { CredentialId = degree.CredentialId }, mesh.Call(Roles.Hr, "hr-check"));
        Assert.Equal(CredentialStatus.Verified, held.Status);
        Assert.Equal((2016, 7, 1), (held.Attributes.Degree.GraduationDate.Year, held.Attributes.Degree.GraduationDate.Month, held.Attributes.Degree.GraduationDate.Day));
        Assert.Equal("软件工程", held.Attributes.Degree.Major);
        Assert.Equal(("浙江大学", EducationLevel.Master), (held.Attributes.Degree.Institution, held.Attributes.Degree.Level));
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
