using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;
using RedemptionRecord = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.EndToEnd.Tests.Workflow;

/// <summary>
/// The demo's workflow through the public gRPC API only, against the three service processes and redis-server:
/// every state is read back from the service that owns it.
/// </summary>
public sealed class GrpcWorkflowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Workflow_RegisterVerifyEvaluateCodePolicyRedeemApproveDisburse_EveryStateVisibleInItsService()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);
        var api = new MeshClients(mesh, retryUnavailable: true);
        var (alice, bob, carol) = ("t-alice", "t-bob", "t-carol");

        // 1. Three talents register (each as themselves: the token subject is the talent id).
        var registered = new Dictionary<string, Talent>
        {
            [alice] = await api.Talents.RegisterTalentAsync(People.Registration("张爱丽", People.BornYearsAgo(32)), api.Applicant(alice)),
            [bob] = await api.Talents.RegisterTalentAsync(People.Registration("李博", People.BornYearsAgo(40)), api.Applicant(bob)),
            [carol] = await api.Talents.RegisterTalentAsync(People.Registration("王可", People.BornYearsAgo(27)), api.Applicant(carol)),
        };
        foreach (var (id, talent) in registered)
        {
            Assert.Equal(id, talent.TalentId);
            Assert.Equal(TalentStatus.Active, talent.Status);
            Assert.True(talent.Tier is Tier.Unspecified or Tier.None, $"{id} has no tier before any credential");
            Assert.Contains("*", talent.IdentityNumberMasked);
            Assert.Equal("138****0000", talent.PhoneMasked);
        }

        // 2. They submit credentials; all wait in HR's queue.
        async Task<Credential> SubmitAsync(string talentId, (CredentialAttributes Attributes, string Reference) credential) =>
            await api.Credentials.SubmitCredentialAsync(People.Submission(talentId, credential.Attributes, credential.Reference), api.Applicant(talentId));
        Credential[] aliceCredentials =
        [
            await SubmitAsync(alice, Credentials.Doctorate()),
            await SubmitAsync(alice, Credentials.HighTechExecutive()),
            await SubmitAsync(alice, Credentials.Income()),
            await SubmitAsync(alice, Credentials.NationalAward()),
        ];
        var bobProgram = await SubmitAsync(bob, Credentials.TalentProgram(TalentProgramLevel.Provincial));
        var bobAward = await SubmitAsync(bob, Credentials.NationalAward());
        var carolDegree = await SubmitAsync(carol, Credentials.Bachelor());
        Credential[] all = [.. aliceCredentials, bobProgram, bobAward, carolDegree];
        Assert.All(all, credential => Assert.Equal(CredentialStatus.Submitted, credential.Status));
        var queue = await api.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest { PageSize = 100 }, api.Hr);
        Assert.Equal(all.Length, queue.TotalPending);
        Assert.Equal(all.Select(c => c.CredentialId).Order(), queue.Credentials.Select(c => c.CredentialId).Order());

        // Bob's app watches his own record; positioned before HR verifies, it is pushed the tier his program earns.
        using var bobWatch = api.Talents.WatchMyTalent(new WatchMyTalentRequest(), api.Applicant(bob));
        await bobWatch.ResponseHeadersAsync;

        // 3. HR verifies all but Bob's award, which it rejects.
        foreach (var credential in all.Where(c => c.CredentialId != bobAward.CredentialId))
        {
            var verified = await api.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credential.CredentialId, Note = "checked" }, api.Hr);
            Assert.Equal(CredentialStatus.Verified, verified.Status);
            Assert.Equal("hr-1", verified.ReviewedBy);
        }
        var rejected = await api.Credentials.RejectCredentialAsync(new RejectCredentialRequest { CredentialId = bobAward.CredentialId, Reason = "certificate unreadable" }, api.Hr);
        Assert.Equal(CredentialStatus.Rejected, rejected.Status);
        Assert.Equal(0, (await api.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest(), api.Hr)).TotalPending);

        // 4. Evaluation scores them with explanations: Alice 10 (age) + 25 (doctor) + 15 + 20 (high-tech executive)
        //    + 20 (income) + 30 (national award) = 120 → D; Bob's provincial program is a direct recognition → C;
        //    Carol's bachelor's degree stays below E's 60 points.
        //    Evaluation handles talent.registered (the age fact) and each credential.verified in whatever order they come,
        //    so Alice is already D at 110 points when a credential's evaluation ran before her age was known: wait for all.
        var aliceScore = await ScoreAsync(api, alice, s => s.Tier == Tier.D && s.TotalPoints == 120, "Alice's age and four credentials are evaluated");
        Assert.Equal(120, aliceScore.TotalPoints);
        Assert.Equal(aliceCredentials[0].CredentialId, Assert.Single(Assert.Single(aliceScore.Breakdown, r => r.RuleId == "education").CredentialIds));
        Assert.Equal(Tier.C, aliceScore.NextTierGap.NextTier);
        Assert.Equal(30, aliceScore.NextTierGap.PointsNeeded);
        var explanation = await api.Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = alice }, api.Applicant(alice));
        Assert.Equal(120, explanation.TotalPoints);
        Assert.Contains(explanation.Steps, step => step.RuleId == "award" && step.Outcome == RuleOutcome.Counted && step.FinalPoints == 30);
        Assert.NotEmpty(explanation.Summary);

        var bobScore = await ScoreAsync(api, bob, s => s.Tier == Tier.C, "Bob's program is evaluated");
        Assert.Contains("provincial_program", bobScore.Recognitions);
        Assert.DoesNotContain(bobScore.Breakdown, r => r.CredentialIds.Contains(bobAward.CredentialId));
        var carolScore = await ScoreAsync(api, carol, s => s.Breakdown.Any(r => r.CredentialIds.Contains(carolDegree.CredentialId)), "Carol's degree is evaluated");
        Assert.Equal(Tier.None, carolScore.Tier);
        Assert.True(carolScore.TotalPoints < 60);

        // 5. Registration holds the tiers (from talent.evaluated) and issued codes; a scanner verifies Alice's.
        await TierInRegistrationAsync(api, alice, Tier.D);
        await TierInRegistrationAsync(api, bob, Tier.C);
        Assert.True(await PushedAsync(bobWatch, talent => talent.Tier == Tier.C && talent.CertificationValidUntil is not null), "Bob's watch is pushed tier C");
        await TierInRegistrationAsync(api, carol, Tier.None);
        var issued = await api.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest { TalentId = alice, IdempotencyKey = Guid.NewGuid().ToString() }, api.Applicant(alice));
        Assert.Equal(TalentCodeStatus.Active, issued.Status);
        Assert.Equal(Tier.D, issued.Tier);
        var shown = await api.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = alice }, api.Applicant(alice));
        Assert.Equal(issued.CodeSerial, shown.CodeSerial);
        Assert.StartsWith("TM1:", shown.QrPayload, StringComparison.Ordinal);
        var scanned = await api.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = shown.QrPayload }, api.Scanner);
        Assert.True(scanned.Valid);
        Assert.Equal(VerificationResult.Valid, scanned.Result);
        Assert.Equal((alice, Tier.D, issued.CodeSerial), (scanned.TalentId, scanned.Tier, scanned.CodeSerial));
        Assert.NotEqual("张爱丽", scanned.FullNameMasked);
        var bobCode = await api.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = bob }, api.Applicant(bob));
        Assert.Equal(Tier.C, (await api.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = bobCode.QrPayload }, api.Scanner)).Tier);
        var noCode = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest { TalentId = carol, IdempotencyKey = Guid.NewGuid().ToString() }, api.Applicant(carol)));
        Assert.Equal(StatusCode.FailedPrecondition, noCode.StatusCode);
        var aliceAudit = await api.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { TalentId = alice, PageSize = 100 }, api.Hr);
        Assert.Contains(aliceAudit.Entries, e => e.Action == "tier.recorded" && e.After["tier"] == nameof(Tier.D));
        Assert.Contains(aliceAudit.Entries, e => e.Action == "talent-code.issued");

        // 6. A policy office publishes a one-off subsidy for tiers C and D: three approval stages, no public notice.
        var draft = new Policy
        {
            Title = "E2E settlement subsidy",
            Description = "One-off settlement subsidy for municipal and provincial leading talent.",
            EligibleTiers = { Tier.C, Tier.D },
            PaymentForm = PaymentForm.OneOff,
            Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 50_000 },
            PublicNoticeWorkingDays = 0,
            ApprovalStages = { ApprovalStage.PreliminaryReview, ApprovalStage.TalentOffice, ApprovalStage.FinanceBureau },
        };
        var created = await api.Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft, IdempotencyKey = Guid.NewGuid().ToString() }, api.Officer);
        Assert.Equal(PolicyStatus.Draft, created.Status);
        var policy = await api.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, api.Officer);
        Assert.Equal(PolicyStatus.Published, policy.Status);

        // 7. The eligible talents are told; Carol is not.
        await NotifiedAsync(api, alice, n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId, "Alice hears of the policy");
        await NotifiedAsync(api, bob, n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId, "Bob hears of the policy");
        await NotifiedAsync(api, bob, n => n.Kind == NotificationKind.CredentialRejected, "Bob hears his award was rejected");
        Assert.DoesNotContain((await InboxAsync(api, carol)), n => n.PolicyId == policy.PolicyId);
        var benefits = await api.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest(), api.Applicant(alice));
        Assert.Equal(Tier.D, benefits.Tier);
        Assert.True(Assert.Single(benefits.Benefits, b => b.PolicyId == policy.PolicyId).Redeemable);

        // 8. One-click redemption, every approval stage, then payment (a zero-day notice goes straight to disbursing).
        var redemption = await api.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = policy.PolicyId, IdempotencyKey = Guid.NewGuid().ToString() }, api.Applicant(alice));
        Assert.Equal((RedemptionStatus.PendingReview, ApprovalStage.PreliminaryReview, Tier.D), (redemption.Status, redemption.CurrentStage, redemption.Tier));
        redemption = await ApproveAsync(api, redemption, ApprovalStage.PreliminaryReview);
        Assert.Equal((RedemptionStatus.PendingReview, ApprovalStage.TalentOffice), (redemption.Status, redemption.CurrentStage));
        redemption = await ApproveAsync(api, redemption, ApprovalStage.TalentOffice);
        Assert.Equal((RedemptionStatus.PendingReview, ApprovalStage.FinanceBureau), (redemption.Status, redemption.CurrentStage));
        redemption = await ApproveAsync(api, redemption, ApprovalStage.FinanceBureau);
        Assert.Equal(RedemptionStatus.Disbursing, redemption.Status);
        Assert.Null(redemption.PublicNoticeUntil);
        Assert.Equal(3, redemption.Decisions.Count(d => d.Decision == Decision.Approved));
        var usage = await api.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = policy.PolicyId }, api.Officer);
        Assert.Equal((1, 50_000L), (usage.ApprovedCount, usage.BudgetCommitted.Units));

        var paid = await api.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = redemption.RedemptionId, Installment = 1, Amount = redemption.Amount,
            Success = new DisbursementSuccess { PaymentReference = "BANK-E2E-1" }, IdempotencyKey = Guid.NewGuid().ToString(),
        }, api.Officer);
        Assert.Equal((RedemptionStatus.Disbursed, 1), (paid.Status, paid.InstallmentsPaid));
        var asSeenByAlice = await api.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = redemption.RedemptionId }, api.Applicant(alice));
        Assert.Equal(RedemptionStatus.Disbursed, asSeenByAlice.Status);
        Assert.Equal("BANK-E2E-1", Assert.Single(asSeenByAlice.Disbursements).Success.PaymentReference);
        await NotifiedAsync(api, alice, n => n.Kind == NotificationKind.BenefitDisbursed && n.RedemptionId == redemption.RedemptionId, "Alice hears she was paid");
    }

    internal static async Task<Score> ScoreAsync(MeshClients api, string talentId, Func<Score, bool> condition, string because)
    {
        Score? score = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                score = await api.Scores.GetScoreAsync(new GetScoreRequest { TalentId = talentId }, api.Hr);
                return condition(score);
            }
            // Not there yet, or "retry later" (a Redis attempt timed out on the busy test host): ask again.
            catch (RpcException error) when (error.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
            {
                return false;
            }
        }, Deadline, because);
        return score!;
    }

    /// <summary>Reads a talent watch until it shows <paramref name="shows"/>; false when it ends or the deadline passes first.</summary>
    private static async Task<bool> PushedAsync(AsyncServerStreamingCall<Talent> watch, Func<Talent, bool> shows)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (await watch.ResponseStream.MoveNext(deadline.Token))
            {
                if (shows(watch.ResponseStream.Current))
                    return true;
            }
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested)
        {
            // The deadline cancelled the read: what the watch was waiting for never came.
        }
        return false;
    }

    internal static Task TierInRegistrationAsync(MeshClients api, string talentId, Tier tier) =>
        Eventually.TrueAsync(async () =>
        {
            var talent = await WellBehavedClient.UntilAvailableAsync(async () =>
                await api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = talentId }, api.Hr), Deadline);
            return talent.Tier == tier && (tier == Tier.None || talent.CertificationValidUntil is not null);
        }, Deadline, $"Registration records tier {tier} for {talentId}");

    internal static async Task<IReadOnlyList<Notification>> InboxAsync(MeshClients api, string talentId) =>
        (await WellBehavedClient.UntilAvailableAsync(async () =>
            await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, api.Applicant(talentId)), Deadline)).Notifications;

    internal static Task NotifiedAsync(MeshClients api, string talentId, Func<Notification, bool> match, string because) =>
        Eventually.TrueAsync(async () => (await InboxAsync(api, talentId)).Any(match), Deadline, because);

    private static async Task<RedemptionRecord> ApproveAsync(MeshClients api, RedemptionRecord redemption, ApprovalStage stage) =>
        await api.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest
        {
            RedemptionId = redemption.RedemptionId, Stage = stage, Comment = "ok", IdempotencyKey = Guid.NewGuid().ToString(),
        }, api.Officer);
}
