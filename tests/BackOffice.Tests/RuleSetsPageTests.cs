using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using TalentMesh.BackOffice.RuleSets;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The administrator's rule-set page: the engine's errors per rule, preview, publish exactly what was previewed.</summary>
public sealed class RuleSetsPageTests
{
    private const string Hash = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static void Upload(IRenderedComponent<RuleSetsPage> page, string document) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(document, "candidate.json"));

    [Fact]
    public async Task Upload_InvalidDocument_EngineErrorsGroupedPerRule_NoPreview()
    {
        await using var context = new ConsoleTestContext();
        context.RuleSets.OnValidate = _ => throw FakeCall.FieldViolations(
            ("document.rules[6].pointsEach", "invention_patents: must be a number"),
            ("document.rules[6].cap", "invention_patents: must be positive"),
            ("document.tiers[4].id", "tier F: the service awards tiers A–E"));
        var page = context.RenderInPage<RuleSetsPage>();

        Upload(page, "{ \"broken\": true }");

        var rows = page.FindAll("[data-testid=rule-set-violations] tbody tr");
        Assert.Equal(3, rows.Count);
        var group = page.Find("[data-testid=rule-set-violations] th[scope=rowgroup]");
        Assert.Equal("invention_patents", group.TextContent);
        Assert.Equal("2", group.GetAttribute("rowspan"));
        Assert.Contains("$.rules[6].pointsEach", page.Find("[data-testid=rule-set-violations]").TextContent);
        Assert.Contains("3", page.Find("[role=alert]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=preview-rule-set]"));
        Assert.Equal("candidate.json", page.Find("[data-testid=rule-set-file-name]").TextContent.Split(' ').Last().Trim());
    }

    [Fact]
    public async Task Upload_Valid_PreviewThenPublish_SendsThePreviewedHash()
    {
        await using var context = new ConsoleTestContext();
        context.RuleSets.OnValidate = _ => new ValidateRuleSetResponse { Hash = Hash, Summary = new RuleSetSummary { TitleEn = "Candidate", RuleCount = 12 } };
        context.RuleSets.OnPreview = request => new PreviewRuleSetResponse
        {
            Hash = Hash, TalentsEvaluated = 3, MovedUp = 1, Unchanged = 2, GainedTier = 1,
            Transitions = { new TierTransition { FromTier = Tier.None, ToTier = Tier.E, Talents = 1 } },
        };
        context.RuleSets.OnPublish = request => new RuleSet { Hash = request.ExpectedHash, RuleSetId = "high-tech-zone", Version = "2026.1", Status = RuleSetStatus.Active };
        context.RuleSets.OnGetRollout = _ => new Rollout { Hash = Hash, State = RolloutState.Completed, Total = 3, Done = 3, Changed = 1 };
        var page = context.RenderInPage<RuleSetsPage>();

        Upload(page, "{ \"candidate\": true }");
        Assert.Contains("Candidate", page.Find("[data-testid=rule-set-valid]").TextContent);
        page.Find("[data-testid=preview-rule-set]").Click();
        var transition = page.Find("[data-testid=preview-transitions] tbody tr").TextContent;
        page.Find("[data-testid=publish-rule-set]").Click();

        Assert.Contains("No tier", transition);
        Assert.Contains("E — senior talent", transition);
        var publish = Assert.Single(context.RuleSets.PublishRequests);
        Assert.Equal(Hash, publish.ExpectedHash);
        Assert.Equal("{ \"candidate\": true }", publish.Document);
        Assert.Contains("2026.1", page.Find("[data-testid=rule-set-published]").TextContent);
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=rollout-state]").GetAttribute("data-state")));
        Assert.Empty(page.FindAll("[data-testid=publish-rule-set]"));
    }

    [Fact]
    public async Task Publish_HashNoLongerMatches_ShownAsConflict()
    {
        await using var context = new ConsoleTestContext();
        context.RuleSets.OnValidate = _ => new ValidateRuleSetResponse { Hash = Hash, Summary = new RuleSetSummary { TitleEn = "Candidate" } };
        context.RuleSets.OnPreview = _ => new PreviewRuleSetResponse { Hash = Hash };
        context.RuleSets.OnPublish = _ => throw FakeCall.FailedPrecondition("RULE_SET_HASH_MISMATCH");
        var page = context.RenderInPage<RuleSetsPage>();

        Upload(page, "{}");
        page.Find("[data-testid=preview-rule-set]").Click();
        page.Find("[data-testid=publish-rule-set]").Click();

        var problem = page.Find("[data-testid=rule-set-problem]");
        Assert.Contains("RULE_SET_HASH_MISMATCH", problem.TextContent);
        Assert.Contains("mud-alert-text-warning", problem.ClassName ?? "");
        Assert.Empty(page.FindAll("[data-testid=rule-set-published]"));
    }
}
