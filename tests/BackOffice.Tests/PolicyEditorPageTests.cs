using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.BackOffice.Policies;
using TalentMesh.BackOffice.Redemptions;
using TalentMesh.BackOffice.RuleSets;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The policy editor: the editor's own and the server's field violations beside the fields; a published policy read-only and closable.</summary>
public sealed class PolicyEditorPageTests
{
    private static Policy Published() => new()
    {
        PolicyId = "pol-1", Version = 1, Status = PolicyStatus.Published, Title = "Housing subsidy",
        EligibleTiers = { Tier.E }, PaymentForm = PaymentForm.OneOff, Installments = 1,
        Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 1000 },
    };

    private static AngleSharp.Dom.IElement FieldControl(IRenderedComponent<PolicyEditorPage> page, string id) =>
        page.Find("#" + id).Closest(".mud-input-control") ?? throw new InvalidOperationException($"#{id} is not inside an input control");

    [Fact]
    public async Task Save_ServerFieldViolations_ShownBesideTheirFieldsAndListedAbove()
    {
        await using var context = new ConsoleTestContext();
        context.Policies.OnCreate = _ => throw FakeCall.FieldViolations(("policy.title", "is required"), ("policy.eligible_tiers", "at least one tier"));
        var page = context.RenderInPage<PolicyEditorPage>();

        page.Find("[data-testid=save-policy]").Click();

        Assert.Single(context.Policies.CreateRequests);
        Assert.Contains("is required", FieldControl(page, "policy-title").TextContent);
        Assert.DoesNotContain("is required", FieldControl(page, "policy-description").TextContent);
        var listed = page.Find("[data-testid=policy-violations]").TextContent;
        Assert.Contains("policy.title: is required", listed);
        Assert.Contains("policy.eligible_tiers: at least one tier", listed);
        Assert.Contains("at least one tier", page.Find("[data-testid=policy-tiers]").ParentElement!.TextContent);
    }

    [Fact]
    public async Task Save_AmountWithAFractionOfAFen_RefusedBesideTheAmountAndNothingSent()
    {
        await using var context = new ConsoleTestContext();
        var page = context.RenderInPage<PolicyEditorPage>();

        page.Find("#policy-title").Change("Talent housing");
        page.Find("#policy-amount").Change("1234.567");
        page.Find("[data-testid=save-policy]").Click();

        Assert.Empty(context.Policies.CreateRequests);
        Assert.Contains("fraction of a fen", FieldControl(page, "policy-amount").TextContent);
        Assert.Contains("policy.amount", page.Find("[data-testid=policy-violations]").TextContent);
    }

    [Fact]
    public async Task Save_ValidDraft_SendsTheFieldsInFenWithAnIdempotencyKey()
    {
        await using var context = new ConsoleTestContext();
        context.Policies.OnCreate = request => new Policy(request.Policy) { PolicyId = "pol-new", Status = PolicyStatus.Draft, Version = 1 };
        var page = context.RenderInPage<PolicyEditorPage>();

        page.Find("#policy-title").Change("Talent housing");
        page.Find("#policy-amount").Change("1234.56");
        page.Find("[data-testid=save-policy]").Click();

        var request = Assert.Single(context.Policies.CreateRequests);
        Assert.Equal("Talent housing", request.Policy.Title);
        Assert.Equal(new Google.Type.Money { CurrencyCode = "CNY", Units = 1234, Nanos = 560_000_000 }, request.Policy.Amount);
        Assert.True(Guid.TryParse(request.IdempotencyKey, out _));
    }

    [Fact]
    public async Task PublishedPolicy_ReadOnlyWithoutSave_ClosedWithTheReason()
    {
        await using var context = new ConsoleTestContext();
        context.Policies.OnGet = _ => Published();
        context.Policies.OnClose = request => new Policy(Published()) { Status = PolicyStatus.Closed };
        var page = context.RenderInPage<PolicyEditorPage>(p => p.Add(x => x.PolicyId, "pol-1"));

        Assert.True(page.Find("fieldset.policy-form").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=save-policy]"));
        Assert.Empty(page.FindAll("[data-testid=publish-policy]"));
        page.Find("#close-reason").Change("Budget exhausted for the year");
        page.Find("[data-testid=close-policy]").Click();

        var close = Assert.Single(context.Policies.CloseRequests);
        Assert.Equal(("pol-1", "Budget exhausted for the year"), (close.PolicyId, close.Reason));
        Assert.Contains("Closed: no new redemptions.", page.Find("[data-testid=policy-saved]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=close-policy]"));
    }

    [Fact]
    public async Task Close_RefusedAsConflict_ShownAsAWarningWithTheReason()
    {
        await using var context = new ConsoleTestContext();
        context.Policies.OnGet = _ => Published();
        context.Policies.OnClose = _ => throw FakeCall.FailedPrecondition("policy is CLOSED, not PUBLISHED");
        var page = context.RenderInPage<PolicyEditorPage>(p => p.Add(x => x.PolicyId, "pol-1"));

        page.Find("[data-testid=close-policy]").Click();

        var problem = page.Find("[data-testid=policy-problem]");
        Assert.Contains("policy is CLOSED, not PUBLISHED", problem.TextContent);
        Assert.Contains("mud-alert-text-warning", problem.ClassName ?? "");
    }

    /// <summary>Pages reached by link rather than the navigation carry their area's role too, so typing the URL does not open them.</summary>
    [Theory]
    [InlineData(typeof(PolicyEditorPage), Roles.PolicyOfficer)]
    [InlineData(typeof(RedemptionDetailPage), Roles.PolicyOfficer)]
    [InlineData(typeof(RuleSetsPage), Roles.Admin)]
    public void PageOutsideTheNavigation_AuthorizesOnlyItsRole(Type page, string role) =>
        Assert.Equal(role, page.GetCustomAttribute<AuthorizeAttribute>()?.Roles);
}
