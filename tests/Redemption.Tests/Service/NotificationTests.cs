using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Talents;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;

namespace TalentMesh.Redemption.Tests.Service;

public sealed class NotificationTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task PolicyPublished_MatchesExistingTalents_NotifiesOnlyTheEligibleOnce()
    {
        await using var harness = await StartAsync(redis);
        await harness.EvaluateAsync("t-d", Tier.D, 1);
        await harness.EvaluateAsync("t-b", Tier.B, 1);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await Eventually.TrueAsync(async () => (await harness.InboxAsync("t-d")).Any(n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId),
            Wait, "the eligible talent is told");
        await Eventually.TrueAsync(async () => await harness.Host.Redis.GetDatabase().StringGetAsync(harness.Prefix + "match-cursor:" + policy.PolicyId) == "$done",
            Wait, "the match job finished");
        Assert.DoesNotContain(await harness.InboxAsync("t-b"), n => n.Kind == NotificationKind.BenefitAvailable);
        await harness.EvaluateAsync("t-d", Tier.E, 2);
        Assert.Single(await harness.InboxAsync("t-d"), n => n.Kind == NotificationKind.BenefitAvailable);
    }

    [Fact]
    public async Task TalentEvaluated_FirstHeard_ATierIsNewsAsChangedFromNone_NoTierIsNot()
    {
        // Evaluation publishes a talent's first evaluation only once it reaches a tier, so the first one Redemption
        // hears of may be the talent's first tier (at sequence 2 or later) or, later, no tier after all.
        await using var harness = await StartAsync(redis);
        await harness.EvaluateAsync("t-first", Tier.C, 2);
        await harness.EvaluateAsync("t-none", Tier.None, 3);

        var told = Assert.Single(await harness.InboxAsync("t-first"));
        Assert.Equal((NotificationKind.TierChanged, "Your tier is now C (was none)."), (told.Kind, told.Body));
        Assert.Empty(await harness.InboxAsync("t-none"));
    }

    [Fact]
    public async Task TalentEvaluated_NewlyEligible_IsToldAboutTheBenefit()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.C, 1);
        Assert.DoesNotContain(await harness.InboxAsync("t1"), n => n.Kind == NotificationKind.BenefitAvailable);
        await harness.EvaluateAsync("t1", Tier.E, 2);
        Assert.Single(await harness.InboxAsync("t1"), n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId);
        await Eventually.TrueAsync(async () => (await harness.Topics.ReadAsync<Contracts.Events.V1.NotificationCreated>()).Any(e => e.Event.PolicyId == policy.PolicyId),
            Wait, "notification.created published");
    }

    [Fact]
    public async Task WatchNotifications_AfterADroppedStream_ResumesWithoutLossOrDuplicates()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var first = await harness.RedeemAsync("t1", policy.PolicyId);

        // Resume after the newest one already seen, so the watch cannot miss an approval that lands before it subscribes.
        var lastSeen = (await harness.InboxAsync("t1"))[0].NotificationId;
        using (var watch = harness.Notifications.WatchNotifications(new WatchNotificationsRequest { ResumeAfterNotificationId = lastSeen },
            harness.As("t1", TimeSpan.FromSeconds(30))))
        {
            var moved = harness.ApproveAsync(first, ApprovalStage.PreliminaryReview);
            Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            Assert.Contains("preliminary review passed", watch.ResponseStream.Current.Title);
            lastSeen = watch.ResponseStream.Current.NotificationId;
            await moved;
        } // the stream drops here

        var current = await harness.GetAsync(first.RedemptionId);
        current = await harness.ApproveAsync(current, ApprovalStage.TalentOffice);
        await harness.ApproveAsync(current, ApprovalStage.FinanceBureau);

        using var resumed = harness.Notifications.WatchNotifications(new WatchNotificationsRequest { ResumeAfterNotificationId = lastSeen },
            harness.As("t1", TimeSpan.FromSeconds(30)));
        var received = new List<Notification>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await resumed.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            received.Add(resumed.ResponseStream.Current);
        }
        Assert.Contains("talent office review passed", received[0].Title);
        Assert.Contains("approved", received[1].Title);
        var voiding = harness.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest { RedemptionId = first.RedemptionId, Reason = VoidReason.Other, ReasonText = "test" }, harness.Officer());
        Assert.True(await resumed.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Contains("voided", resumed.ResponseStream.Current.Title);
        await voiding;
        var all = await harness.InboxAsync("t1");
        Assert.Equal(all.Count, all.Select(n => n.NotificationId).Distinct().Count());
    }

    [Fact]
    public async Task WatchNotifications_NotificationCommitted_ArrivesWithoutThePoll()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        var lastSeen = (await harness.InboxAsync("t1"))[0].NotificationId;

        // The service's clock (a FakeTimeProvider) never moves in this test, so the watcher's safety poll never fires:
        // only the wake-up sent when the approval commits can deliver these notifications.
        using var watch = harness.Notifications.WatchNotifications(new WatchNotificationsRequest { ResumeAfterNotificationId = lastSeen },
            harness.As("t1", TimeSpan.FromSeconds(30)));
        var clockAtStart = harness.Host.Time.GetUtcNow();
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);
        Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Contains("preliminary review passed", watch.ResponseStream.Current.Title);
        // By now the watcher has found its feed empty again and waits: the next one needs the wake-up.
        await harness.ApproveAsync(redemption, ApprovalStage.TalentOffice);
        Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Contains("talent office review passed", watch.ResponseStream.Current.Title);
        Assert.Equal(clockAtStart, harness.Host.Time.GetUtcNow());
    }

    [Fact]
    public async Task WatchNotifications_OnOneReplica_DeliversANotificationCommittedOnAnother()
    {
        // Two replicas of the service on one keyspace; neither clock moves, so no safety poll can deliver it.
        await using var one = await StartAsync(redis);
        await using var other = await RestartAsync(redis, one.Prefix);
        var policy = await one.PublishAsync(Support.Policies.RentSubsidy());
        await one.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await one.RedeemAsync("t1", policy.PolicyId);
        // Without a resume point the watch reads nothing until woken: once the headers arrive it waits.
        using var watch = one.Notifications.WatchNotifications(new WatchNotificationsRequest(), one.As("t1", TimeSpan.FromSeconds(30)));
        await watch.ResponseHeadersAsync;

        await other.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);

        Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Contains("preliminary review passed", watch.ResponseStream.Current.Title);
    }

    [Fact]
    public async Task WatchNotifications_WithoutResume_DeliversWhatCommitsAfterTheHeaders_AndLeavesNothingBehind()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        var signal = harness.Host.Services.GetRequiredService<WatchSignal>();

        // The headers arrive before any notification: they say the watch is positioned, so what commits next arrives.
        using (var watch = harness.Notifications.WatchNotifications(new WatchNotificationsRequest(), harness.As("t1", TimeSpan.FromSeconds(30))))
        {
            await watch.ResponseHeadersAsync;
            await harness.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);
            Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            Assert.Contains("preliminary review passed", watch.ResponseStream.Current.Title);
            Assert.Equal(1, signal.Count);
        } // the client leaves

        // One stream per talent who ever watched would grow without bound; an ended stream leaves no watch behind.
        await Eventually.TrueAsync(() => Task.FromResult(signal.Count == 0), Wait, "the ended stream's watch is removed");
    }

    [Fact]
    public async Task ListAndMarkRead_PageTheInboxAndCountUnread()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);
        await harness.ApproveAsync(redemption, ApprovalStage.TalentOffice);

        var page1 = await harness.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 2 }, harness.As("t1"));
        Assert.Equal(2, page1.Notifications.Count);
        Assert.NotEmpty(page1.NextPageToken);
        var page2 = await harness.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 2, PageToken = page1.NextPageToken }, harness.As("t1"));
        var total = page1.Notifications.Concat(page2.Notifications).ToList();
        Assert.Equal(total.Count, total.Select(n => n.NotificationId).Distinct().Count());
        Assert.True(page1.Notifications[0].CreatedAt >= page1.Notifications[1].CreatedAt);

        var read = await harness.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = page1.Notifications[0].NotificationId }, harness.As("t1"));
        Assert.NotNull(read.ReadAt);
        await harness.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = page1.Notifications[0].NotificationId }, harness.As("t1"));
        var unread = await harness.Notifications.ListNotificationsAsync(new ListNotificationsRequest { UnreadOnly = true, PageSize = 100 }, harness.As("t1"));
        Assert.Equal(page1.UnreadCount - 1, unread.UnreadCount);
        Assert.DoesNotContain(unread.Notifications, n => n.NotificationId == read.NotificationId);
        await FailsWith(StatusCode.NotFound, () => harness.Notifications.MarkNotificationReadAsync(
            new MarkNotificationReadRequest { NotificationId = read.NotificationId }, harness.As("t2")).ResponseAsync);
    }

    [Fact]
    public async Task PolicyMatcher_InterruptedJob_ResumesAfterItsCursor()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var database = harness.Host.Redis.GetDatabase();
        await Eventually.TrueAsync(async () => await database.StringGetAsync(harness.Prefix + "match-cursor:" + policy.PolicyId) == "$done",
            Wait, "the job over no talents finished");
        var talents = harness.Host.Services.GetRequiredService<TalentStore>();
        var units = harness.Host.Services.GetRequiredService<EventUnitOfWorkFactory>();
        var seed = units.Begin();
        foreach (var id in new[] { "m1", "m2", "m3" })
            talents.WriteEvaluation(seed, new TalentProfile(id, Tier.E, 1, new TalentFactsSummary(), CodeState.Active), 0);
        Assert.Equal(CommitOutcome.Committed, await seed.CommitAsync());

        // As if the job had stopped after a batch ending at m1.
        await database.StringSetAsync(harness.Prefix + "match-cursor:" + policy.PolicyId, "m1");
        await harness.Host.Services.GetRequiredService<PolicyMatcher>().RunAsync(policy.PolicyId, CancellationToken.None);

        Assert.Empty(await harness.InboxAsync("m1"));
        Assert.Single(await harness.InboxAsync("m2"), n => n.Kind == NotificationKind.BenefitAvailable);
        Assert.Single(await harness.InboxAsync("m3"), n => n.Kind == NotificationKind.BenefitAvailable);
        Assert.Equal("$done", (string?)await database.StringGetAsync(harness.Prefix + "match-cursor:" + policy.PolicyId));
    }
}
