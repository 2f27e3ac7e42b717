using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;

namespace TalentMesh.Redemption.Tests.Service;

public sealed class ProjectionTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TalentEvaluated_TierDrop_SuspendsTheRedemptionAndTellsTheTalent()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        await harness.EvaluateAsync("t1", Tier.C, 1);
        var redemption = await harness.ApproveAsync(await harness.RedeemAsync("t1", policy.PolicyId), ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.Disbursing, redemption.Status);

        await harness.EvaluateAsync("t1", Tier.None, 2);
        var suspended = await harness.GetAsync(redemption.RedemptionId);
        Assert.Equal(RedemptionStatus.Suspended, suspended.Status);
        Assert.Contains("tiers", suspended.SuspensionReason);
        var inbox = await harness.InboxAsync("t1");
        Assert.Contains(inbox, n => n.Kind == NotificationKind.TierChanged);
        Assert.Contains(inbox, n => n.Kind == NotificationKind.RedemptionStatusChanged && n.RedemptionId == redemption.RedemptionId && n.Title.Contains("on hold"));
        await FailsWith(Grpc.Core.StatusCode.FailedPrecondition, () => harness.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = redemption.RedemptionId, Installment = 1, Amount = redemption.Amount, Success = new DisbursementSuccess { PaymentReference = "x" },
        }, harness.Officer()).ResponseAsync);

        var resumed = await harness.ApproveAsync(suspended, ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.Disbursing, resumed.Status);
    }

    [Fact]
    public async Task TalentEvaluated_OlderSequence_IsIgnored()
    {
        await using var harness = await StartAsync(redis);
        await harness.EvaluateAsync("t1", Tier.C, 5);
        var stale = await harness.PublishEvaluationAsync("t1", Tier.E, 4);
        await harness.EvaluateAsync("t2", Tier.E, 1); // a later event on the same topic: the stale one was handled before it
        await Eventually.TrueAsync(async () => (await harness.Host.Redis.GetDatabase().KeyExistsAsync(harness.Prefix + "inbox:" + stale))
            || (await harness.Talent("t1")).Tier == Tier.C, Wait, "stale event handled");
        Assert.Equal(Tier.C, (await harness.Talent("t1")).Tier);
        Assert.Equal(5, (await harness.Talent("t1")).EvaluationSequence);
    }

    [Fact]
    public async Task TalentCodeRevoked_SuspendsLiveRedemptionsAndTellsTheTalent_SupersededDoesNot()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var purchase = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await harness.Topics.PublishAsync(new TalentCodeIssued { TalentId = "t1", CodeSerial = "c1", Tier = Tier.E }, "registration");
        await harness.Topics.PublishAsync(new TalentCodeIssued { TalentId = "t1", CodeSerial = "c2", Tier = Tier.E, ReplacesCodeSerial = "c1" }, "registration");
        await harness.Topics.PublishAsync(new TalentCodeRevoked { TalentId = "t1", CodeSerial = "c1", Reason = TalentCodeRevocationReason.Superseded }, "registration");
        // All three projected, not just "active": after c1 alone the code is active too, and c1's revocation may still follow.
        var talentStore = harness.Host.Services.GetRequiredService<Talents.TalentStore>();
        await Eventually.TrueAsync(async () => await talentStore.LoadCodesAsync("t1", CancellationToken.None) is { } codes
            && codes.GetValueOrDefault("c1") == Talents.TalentStore.Revoked && codes.GetValueOrDefault("c2") == Talents.TalentStore.Issued, Wait, "codes projected");
        Assert.Equal(Talents.CodeState.Active, (await harness.Talent("t1")).Code);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);

        await harness.Topics.PublishAsync(new TalentCodeRevoked { TalentId = "t1", CodeSerial = "c2", Reason = TalentCodeRevocationReason.Fraud }, "registration");
        await Eventually.TrueAsync(async () => (await harness.GetAsync(redemption.RedemptionId)).Status == RedemptionStatus.Suspended, Wait, "suspended on revocation");
        var inbox = await harness.InboxAsync("t1");
        Assert.Single(inbox, n => n.Kind == NotificationKind.TalentCodeRevoked);
        var refused = await FailsWith(Grpc.Core.StatusCode.FailedPrecondition, () => harness.RedeemAsync("t1", purchase.PolicyId));
        Assert.Contains("revoked", refused.Status.Detail);
    }

    [Fact]
    public async Task AutomaticGrant_EligibleTalent_IsRedeemedOncePerPeriod()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.Transport());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await Eventually.TrueAsync(async () => (await harness.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest(), harness.As("t1"))).Redemptions.Count == 1,
            Wait, "granted automatically");
        await harness.EvaluateAsync("t1", Tier.D, 2);
        await harness.EvaluateAsync("t1", Tier.D, 3);
        var listed = await harness.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest(), harness.As("t1"));
        var granted = Assert.Single(listed.Redemptions);
        Assert.True(granted.Automatic);
        Assert.Equal(policy.PolicyId, granted.PolicyId);
        Assert.Single(await harness.InboxAsync("t1"), n => n.Kind == NotificationKind.BenefitGranted);
    }

    [Fact]
    public async Task MalformedEvents_AreDeadLettered()
    {
        await using var harness = await StartAsync(redis);
        await harness.PublishEvaluationAsync("", Tier.E, 1);
        await harness.Topics.PublishAsync(new TalentCodeRevoked { TalentId = "t 1", CodeSerial = "c1" }, "registration");
        await Eventually.TrueAsync(async () => await harness.Topics.DeadLetterCountAsync<TalentEvaluated>() == 1
            && await harness.Topics.DeadLetterCountAsync<TalentCodeRevoked>() == 1, Wait, "both dead-lettered");
    }
}
