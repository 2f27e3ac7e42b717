using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.BackOffice.BrowserTests.Seeding;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.ServiceDefaults.Security;
using static Microsoft.Playwright.Assertions;

namespace TalentMesh.BackOffice.BrowserTests;

public sealed class RuleSetTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task RuleSet_UploadedPreviewedAndPublished_RolloutFinishesAndEvaluationUsesIt()
    {
        // A talent with 30 points (age 31–45: 10, master: 20): no tier under the default scheme, E once E starts at 30.
        var applicant = await Applicant.RegisterAsync(mesh, "赵规则");
        await Officials.VerifyAsync(mesh, await applicant.SubmitDegreeAsync(EducationLevel.Master));
        var before = await Officials.ScoreAsync(mesh, applicant.TalentId, score => score.TotalPoints >= 30);
        Assert.Equal(Tier.None, before.Tier);
        await using var admin = await ConsoleSession.SignInAsync(mesh, Roles.Admin, "admin-browser");
        await admin.OpenAsync("/rule-sets");
        // MudFileUpload adds a fresh input after each choice: the newest one takes the next file.
        var file = admin.Page.Locator("input[type=file]").Last;

        // A broken file: the engine's errors, per rule.
        await file.SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = RuleSetFiles.Broken() });
        await Expect(admin.Page.GetByTestId("rule-set-violations").GetByRole(AriaRole.Rowheader, new() { Name = "rule 'age_points'" })).ToBeVisibleAsync();
        await Expect(admin.Page.GetByTestId("rule-set-violations")).ToContainTextAsync("$.rules[0].points");
        await admin.ScreenshotAsync("rule-set-violations");
        await AxeScan.AssertNoSeriousViolationsAsync(admin.Page, "rule-set validation errors");

        // The candidate: valid, previewed, published with the previewed hash, rolled out.
        var version = "2026.browser." + Guid.NewGuid().ToString("N")[..6];
        await file.SetInputFilesAsync(new FilePayload { Name = "lower-e.json", MimeType = "application/json", Buffer = RuleSetFiles.DefaultWithTierEAt(30, version) });
        await Expect(admin.Page.GetByTestId("rule-set-valid")).ToBeVisibleAsync();
        await admin.Page.GetByTestId("preview-rule-set").ClickAsync();
        await Expect(admin.Page.GetByTestId("preview-transitions")).ToContainTextAsync("E — senior talent");
        var row = admin.Page.GetByTestId("preview-transitions").Locator("tr", new() { HasTextString = "No tier" }).Filter(new() { HasTextString = "E — senior talent" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(admin.Page.GetByTestId("preview-tiers")).ToBeVisibleAsync();
        await Expect(admin.Page.GetByTestId("preview-scores")).ToBeVisibleAsync();
        await AxeScan.AssertNoSeriousViolationsAsync(admin.Page, "rule-set preview");
        await admin.ScreenshotAsync("rule-set-preview");

        await admin.Page.GetByTestId("publish-rule-set").ClickAsync();
        await Expect(admin.Page.GetByTestId("rule-set-published")).ToContainTextAsync(version);
        await Expect(admin.Page.GetByTestId("rollout-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await admin.ScreenshotAsync("rule-set-rollout");

        var ruleSets = new RuleSetService.RuleSetServiceClient(mesh.Evaluation);
        var active = await ruleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = "active" }, mesh.Call(Roles.Admin, "admin-check"));
        Assert.Equal(version, active.Version);
        var rollout = await ruleSets.GetRolloutAsync(new GetRolloutRequest { Hash = active.Hash }, mesh.Call(Roles.Admin, "admin-check"));
        Assert.Equal(RolloutState.Completed, rollout.State);
        Assert.Equal(rollout.Total, rollout.Done);
        await Expect(admin.Page.GetByTestId("rollout-state")).ToContainTextAsync($"{rollout.Done} of {rollout.Total} talents evaluated");
        var after = await Officials.ScoreAsync(mesh, applicant.TalentId, score => score.RuleSetHash == active.Hash);
        Assert.Equal(Tier.E, after.Tier);
        await Expect(admin.Page.GetByTestId("rule-sets").Locator($"tr[data-hash='{active.Hash}']")).ToContainTextAsync("Active");
    }
}
