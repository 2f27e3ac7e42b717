using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;

namespace TalentMesh.Redemption.Tests.Service;

/// <summary>Every RPC × every role and anonymous, against the table in docs/contracts.md.</summary>
public sealed class AuthorizationTests(RedisServerFixture redis)
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Any = [Roles.Applicant, Roles.Hr, Roles.PolicyOfficer, Roles.Scanner, Roles.Admin];

    private static readonly (string Rpc, string[] Allowed)[] Matrix =
    [
        ("CreatePolicy", [Roles.PolicyOfficer]),
        ("UpdatePolicy", [Roles.PolicyOfficer]),
        ("PublishPolicy", [Roles.PolicyOfficer]),
        ("ClosePolicy", [Roles.PolicyOfficer]),
        ("GetPolicy", Any),
        ("ListPolicies", Any),
        ("ListEligibleBenefits", [Roles.Applicant]),
        ("Redeem", [Roles.Applicant]),
        ("GetRedemption", [Roles.Applicant, Roles.PolicyOfficer, Roles.Admin]),
        ("ListRedemptions", [Roles.Applicant, Roles.PolicyOfficer, Roles.Admin]),
        ("ApproveRedemption", [Roles.PolicyOfficer]),
        ("RejectRedemption", [Roles.PolicyOfficer]),
        ("VoidRedemption", [Roles.PolicyOfficer, Roles.Applicant]),
        ("AppealRejection", [Roles.Applicant]),
        ("RecordDisbursement", [Roles.PolicyOfficer]),
        ("ListNotifications", [Roles.Applicant]),
        ("MarkNotificationRead", [Roles.Applicant]),
        ("WatchNotifications", [Roles.Applicant]),
    ];

    [Fact]
    public async Task EveryRpc_EveryRole_IsAllowedExactlyAsDocumented()
    {
        await using var harness = await StartAsync(redis);
        var calls = Calls(harness);
        Assert.Equal(Matrix.Select(m => m.Rpc).Order(), calls.Keys.Order());
        var failures = new List<string>();
        foreach (var (rpc, allowed) in Matrix)
        {
            foreach (var role in Any.Append(Anonymous))
            {
                var options = role == Anonymous ? ServiceHost<Program>.Call(null, TimeSpan.FromSeconds(2)) : ServiceHost<Program>.Call(harness.Host.Token(role, "t-auth"), TimeSpan.FromSeconds(2));
                var status = await StatusOf(() => calls[rpc](options));
                var expectedDenial = role == Anonymous ? StatusCode.Unauthenticated : StatusCode.PermissionDenied;
                var isAllowed = allowed.Contains(role);
                if (isAllowed && status is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Internal)
                    failures.Add($"{rpc} as {role}: {status}, expected to be let through");
                if (!isAllowed && status != expectedDenial)
                    failures.Add($"{rpc} as {role}: {status}, expected {expectedDenial}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Applicant_OtherTalentsRedemptionsAndNotifications_AreNotFound()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await harness.EvaluateAsync("t2", Tier.E, 1);
        var mine = await harness.RedeemAsync("t1", policy.PolicyId);
        var rejected = await harness.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest
        {
            RedemptionId = mine.RedemptionId, Stage = ApprovalStage.PreliminaryReview, Reason = RejectionReason.PropertyCheckMismatch,
        }, harness.Officer());
        var notification = (await harness.InboxAsync("t1"))[0];

        await FailsWith(StatusCode.NotFound, () => harness.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = mine.RedemptionId }, harness.As("t2")).ResponseAsync);
        await FailsWith(StatusCode.NotFound, () => harness.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest { RedemptionId = mine.RedemptionId }, harness.As("t2")).ResponseAsync);
        await FailsWith(StatusCode.NotFound, () => harness.Redemptions.AppealRejectionAsync(new AppealRejectionRequest { RedemptionId = rejected.RedemptionId, Statement = "mine" }, harness.As("t2")).ResponseAsync);
        await FailsWith(StatusCode.NotFound, () => harness.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = notification.NotificationId }, harness.As("t2")).ResponseAsync);
        var listed = await harness.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest { TalentId = "t1" }, harness.As("t2"));
        Assert.Empty(listed.Redemptions);
        Assert.DoesNotContain(await harness.InboxAsync("t2"), n => n.RedemptionId == mine.RedemptionId);
        Assert.Equal(RedemptionStatus.Rejected, (await harness.GetAsync(mine.RedemptionId)).Status);
    }

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    private static Dictionary<string, Func<CallOptions, Task>> Calls(RedemptionHarness h) => new()
    {
        ["CreatePolicy"] = o => h.Policies.CreatePolicyAsync(new CreatePolicyRequest(), o).ResponseAsync,
        ["UpdatePolicy"] = o => h.Policies.UpdatePolicyAsync(new UpdatePolicyRequest(), o).ResponseAsync,
        ["PublishPolicy"] = o => h.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = "p-none" }, o).ResponseAsync,
        ["ClosePolicy"] = o => h.Policies.ClosePolicyAsync(new ClosePolicyRequest { PolicyId = "p-none" }, o).ResponseAsync,
        ["GetPolicy"] = o => h.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = "p-none" }, o).ResponseAsync,
        ["ListPolicies"] = o => h.Policies.ListPoliciesAsync(new ListPoliciesRequest(), o).ResponseAsync,
        ["ListEligibleBenefits"] = o => h.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest(), o).ResponseAsync,
        ["Redeem"] = o => h.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = "p-none", IdempotencyKey = "k" }, o).ResponseAsync,
        ["GetRedemption"] = o => h.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = "r-none" }, o).ResponseAsync,
        ["ListRedemptions"] = o => h.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest(), o).ResponseAsync,
        ["ApproveRedemption"] = o => h.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest { RedemptionId = "r-none", Stage = ApprovalStage.PreliminaryReview }, o).ResponseAsync,
        ["RejectRedemption"] = o => h.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest { RedemptionId = "r-none" }, o).ResponseAsync,
        ["VoidRedemption"] = o => h.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest { RedemptionId = "r-none" }, o).ResponseAsync,
        ["AppealRejection"] = o => h.Redemptions.AppealRejectionAsync(new AppealRejectionRequest { RedemptionId = "r-none", Statement = "x" }, o).ResponseAsync,
        ["RecordDisbursement"] = o => h.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest { RedemptionId = "r-none" }, o).ResponseAsync,
        ["ListNotifications"] = o => h.Notifications.ListNotificationsAsync(new ListNotificationsRequest(), o).ResponseAsync,
        ["MarkNotificationRead"] = o => h.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = "n-none" }, o).ResponseAsync,
        ["WatchNotifications"] = async o =>
        {
            using var watch = h.Notifications.WatchNotifications(new WatchNotificationsRequest { ResumeAfterNotificationId = "n-none" }, o);
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        },
    };
}
