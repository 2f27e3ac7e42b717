using Bunit;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The HR decision form: reasons required, server field violations beside the fields, conflicts as such.</summary>
public sealed class CredentialDecisionPanelTests
{
    private static Credential Submitted() => new()
    {
        CredentialId = "cred-1",
        TalentId = "talent-1",
        Status = CredentialStatus.Submitted,
        SubmittedAt = Timestamp.FromDateTime(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc)),
    };

    [Fact]
    public async Task Reject_WithoutReason_ShowsReasonRequiredAndCallsNothing()
    {
        await using var context = new ConsoleTestContext();
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p.Add(x => x.Credential, Submitted()));

        panel.Find("[data-testid=reject]").Click();

        Assert.Contains("A reason is required.", FieldControl(panel, "reject-reason").TextContent);
        Assert.Empty(context.Credentials.RejectRequests);
    }

    [Fact]
    public async Task Reject_WithReason_SendsItAndReportsTheNewState()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnReject = request => new Credential(Submitted()) { Status = CredentialStatus.Rejected, Reason = request.Reason, ReviewedBy = "hr-1" };
        Credential? changed = null;
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p
            .Add(x => x.Credential, Submitted())
            .Add(x => x.CredentialChanged, (Credential c) => changed = c));

        panel.Find("#reject-reason").Change("The certificate number does not exist");
        panel.Find("[data-testid=reject]").Click();

        var request = Assert.Single(context.Credentials.RejectRequests);
        Assert.Equal("cred-1", request.CredentialId);
        Assert.Equal("The certificate number does not exist", request.Reason);
        Assert.Equal(CredentialStatus.Rejected, changed?.Status);
        Assert.Contains("now rejected", panel.Find("[data-testid=decision-saved]").TextContent);
    }

    [Fact]
    public async Task Reject_ServerFieldViolation_ShowsItBesideTheReasonField()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnReject = _ => throw FakeCall.FieldViolations(("reason", "must be at most 500 characters"));
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p.Add(x => x.Credential, Submitted()));

        panel.Find("#reject-reason").Change("too long, says the server");
        panel.Find("[data-testid=reject]").Click();

        Assert.Contains("must be at most 500 characters", FieldControl(panel, "reject-reason").TextContent);
        Assert.DoesNotContain("must be at most 500 characters", FieldControl(panel, "verify-note").TextContent);
        Assert.DoesNotContain(panel.FindAll("[role=alert]"), alert => alert.TextContent.Contains("request failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_AnotherReviewerDecidedFirst_ShowsConflictWithTheCurrentState()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnVerify = _ => throw FakeCall.FailedPrecondition("credential is REJECTED, not SUBMITTED");
        context.Credentials.OnGet = _ => new Credential(Submitted())
        {
            Status = CredentialStatus.Rejected,
            ReviewedBy = "hr-2",
            ReviewedAt = Timestamp.FromDateTime(new DateTime(2026, 12, 2, 8, 30, 0, DateTimeKind.Utc)),
        };
        Credential? changed = null;
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p
            .Add(x => x.Credential, Submitted())
            .Add(x => x.CredentialChanged, (Credential c) => changed = c));

        panel.Find("[data-testid=verify]").Click();

        var conflict = panel.Find("[data-testid=decision-conflict]").TextContent;
        Assert.Contains("Someone else decided first: the credential is now rejected.", conflict);
        Assert.Contains("hr-2 at 2026-12-02 08:30 UTC", conflict);
        Assert.Equal(CredentialStatus.Rejected, changed?.Status);
    }

    [Fact]
    public async Task Revoke_VerifiedCredentialForFraud_SendsReasonAndFraud()
    {
        await using var context = new ConsoleTestContext();
        var verified = new Credential(Submitted()) { Status = CredentialStatus.Verified };
        context.Credentials.OnRevoke = request => new Credential(verified) { Status = CredentialStatus.Revoked, Fraud = request.Fraud };
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p.Add(x => x.Credential, verified));

        Assert.Empty(panel.FindAll("[data-testid=verify]"));
        panel.Find("#revoke-reason").Change("forged degree certificate");
        panel.Find("#revoke-fraud").Change(true);
        panel.Find("[data-testid=revoke]").Click();

        var request = Assert.Single(context.Credentials.RevokeRequests);
        Assert.Equal("forged degree certificate", request.Reason);
        Assert.True(request.Fraud);
    }

    [Fact]
    public async Task Revoke_WithoutReason_ShowsReasonRequiredAndCallsNothing()
    {
        await using var context = new ConsoleTestContext();
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p.Add(x => x.Credential, new Credential(Submitted()) { Status = CredentialStatus.Verified }));

        panel.Find("[data-testid=revoke]").Click();

        Assert.Contains("A reason is required.", FieldControl(panel, "revoke-reason").TextContent);
        Assert.Empty(context.Credentials.RevokeRequests);
    }

    /// <summary>The MudBlazor input control that holds the element with this id: label, input and helper/error text.</summary>
    private static AngleSharp.Dom.IElement FieldControl(IRenderedComponent<CredentialDecisionPanel> panel, string id) =>
        panel.Find("#" + id).Closest(".mud-input-control") ?? throw new InvalidOperationException($"#{id} is not inside an input control");
}
