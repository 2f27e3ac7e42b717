using CsCheck;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;

namespace TalentMesh.Redemption.Tests.Service;

public sealed class ValidationTests(RedisServerFixture redis)
{
    [Fact]
    public async Task CreatePolicy_BadFields_InvalidArgumentNamingEach_NothingStored()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.RentSubsidy();
        draft.Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 100, Nanos = 1_000_000 };
        draft.EligibleTiers.Add(Tier.None);
        draft.ApplicationOpensAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(5));
        draft.ApplicationClosesAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1));
        draft.ApprovalStages.Add(ApprovalStage.PreliminaryReview);
        var error = await FailsWith(StatusCode.InvalidArgument, () => harness.Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft }, harness.Officer()).ResponseAsync);
        Assert.Equal(["policy.eligible_tiers[2]", "policy.amount", "policy.application_closes_at", "policy.approval_stages[3]", "idempotency_key"], Fields(error));
        Assert.Empty((await harness.Policies.ListPoliciesAsync(new ListPoliciesRequest(), harness.Officer())).Policies);
    }

    [Fact]
    public async Task UpdatePolicy_Published_IsImmutable_DraftIsReplaced()
    {
        await using var harness = await StartAsync(redis);
        var created = await harness.Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = Support.Policies.RentSubsidy(), IdempotencyKey = "k1" }, harness.Officer());
        var changed = created.Clone();
        changed.Title = "Rent subsidy 2027";
        Assert.Equal("Rent subsidy 2027", (await harness.Policies.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = changed }, harness.Officer())).Title);
        Assert.Equal(PolicyStatus.Draft, (await harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = created.PolicyId }, harness.Officer())).Status);
        await FailsWith(StatusCode.NotFound, () => harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = created.PolicyId }, harness.As("t1")).ResponseAsync);

        var published = await harness.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, harness.Officer());
        Assert.Equal(PolicyStatus.Published, published.Status);
        var immutable = await FailsWith(StatusCode.FailedPrecondition, () => harness.Policies.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = changed }, harness.Officer()).ResponseAsync);
        Assert.Equal("POLICY_NOT_DRAFT", Reason(immutable));
        Assert.Single((await harness.Policies.ListPoliciesAsync(new ListPoliciesRequest(), harness.As("t1"))).Policies);
        await Eventually.TrueAsync(async () => (await harness.Topics.ReadAsync<Contracts.Events.V1.PolicyPublished>()).Count == 1, TimeSpan.FromSeconds(10), "policy.published");

        var closed = await harness.Policies.ClosePolicyAsync(new ClosePolicyRequest { PolicyId = created.PolicyId }, harness.Officer());
        Assert.Equal(PolicyStatus.Closed, closed.Status);
        Assert.Empty((await harness.Policies.ListPoliciesAsync(new ListPoliciesRequest(), harness.As("t1"))).Policies);
    }

    [Fact]
    public async Task RedemptionRpcs_BadFields_AreNamed()
    {
        await using var harness = await StartAsync(redis);
        var redeem = await FailsWith(StatusCode.InvalidArgument, () => harness.Redemptions.RedeemAsync(new RedeemRequest
        {
            Materials = { new SubmittedMaterial { MaterialId = "lease", ContentHash = "md5:abc", MediaType = "application/pdf" } },
        }, harness.As("t1")).ResponseAsync);
        Assert.Equal(["policy_id", "idempotency_key", "materials[0].content_hash"], Fields(redeem));
        var disburse = await FailsWith(StatusCode.InvalidArgument, () => harness.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = "r1", Installment = 0, Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 1, Nanos = 1 },
        }, harness.Officer()).ResponseAsync);
        Assert.Equal(["installment", "amount", "outcome"], Fields(disburse));
        var reject = await FailsWith(StatusCode.InvalidArgument, () => harness.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest
        {
            RedemptionId = "r1", Stage = ApprovalStage.PreliminaryReview, Reason = RejectionReason.Other,
        }, harness.Officer()).ResponseAsync);
        Assert.Equal(["reason_text"], Fields(reject));
    }

    /// <summary>Random requests over every unary RPC: never INTERNAL, and a refused CreatePolicy or Redeem writes nothing.</summary>
    [Fact]
    public async Task EveryRpc_RandomRequests_NeverInternal_RefusalsWriteNothing()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        var database = harness.Host.Redis.GetDatabase();
        var failures = new List<string>();
        await Gen.Int.SampleAsync(async seed =>
        {
            var random = new Random(seed);
            var ids = new[] { "", policy.PolicyId, redemption.RedemptionId, "x", "a b", new string('z', 200), "p:1" };
            string Id() => ids[random.Next(ids.Length)];
            T Enum<T>() where T : struct, System.Enum => (T)(object)random.Next(-1, 10);
            Google.Type.Money Money() => new() { CurrencyCode = random.Next(4) == 0 ? "USD" : "CNY", Units = random.Next(-5, 1_000_000), Nanos = random.Next(4) == 0 ? random.Next(-10, 1_000_000_000) : random.Next(0, 100) * 10_000_000 };
            Policy RandomPolicy()
            {
                var p = Support.Policies.RentSubsidy();
                p.Amount = Money();
                p.Installments = random.Next(-2, 200);
                p.PaymentForm = Enum<PaymentForm>();
                p.EligibleTiers.Add(Enum<Tier>());
                p.ApprovalStages.Add(Enum<ApprovalStage>());
                p.PublicNoticeWorkingDays = random.Next(-3, 100);
                p.CountQuota = random.Next(-3, 5);
                p.Conditions = new EligibilityConditions { Facts = { new FactCondition { Fact = random.Next(2) == 0 ? "education" : "shoe_size", Category = new CategoryTest { AnyOf = { "master", "?" } } } } };
                if (random.Next(3) == 0)
                    p.ApplicationClosesAt = new Timestamp { Seconds = random.NextInt64(-100_000_000_000, 400_000_000_000) };
                return p;
            }
            var officer = harness.Officer();
            var applicant = harness.As(random.Next(2) == 0 ? "t1" : "t2");
            var catalogueBefore = await database.SortedSetLengthAsync(harness.Prefix + "policies");
            var redemptionsBefore = await database.SortedSetLengthAsync(harness.Prefix + "redemptions");
            var rpc = random.Next(17);
            Func<Task> call = rpc switch
            {
                0 => () => harness.Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = RandomPolicy(), IdempotencyKey = random.Next(2) == 0 ? "" : Guid.NewGuid().ToString() }, officer).ResponseAsync,
                1 => () => harness.Policies.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = RandomPolicy() }, officer).ResponseAsync,
                2 => () => harness.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = Id() }, officer).ResponseAsync,
                3 => () => harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = Id(), Version = random.Next(-2, 3) }, applicant).ResponseAsync,
                4 => () => harness.Policies.ListPoliciesAsync(new ListPoliciesRequest { PageSize = random.Next(-5, 500), PageToken = Id(), Status = Enum<PolicyStatus>(), Tier = Enum<Tier>() }, officer).ResponseAsync,
                5 => () => harness.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { PageSize = random.Next(-5, 500), PageToken = Id(), IncludeBlocked = random.Next(2) == 0 }, applicant).ResponseAsync,
                6 => () => harness.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = Id(), IdempotencyKey = Id() }, applicant).ResponseAsync,
                7 => () => harness.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = Id() }, applicant).ResponseAsync,
                8 => () => harness.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest { PageToken = Id(), Status = Enum<RedemptionStatus>(), Stage = Enum<ApprovalStage>(), RequestedAfter = new Timestamp { Seconds = random.NextInt64(long.MinValue / 2, long.MaxValue / 2) } }, officer).ResponseAsync,
                9 => () => harness.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest { RedemptionId = Id(), Stage = Enum<ApprovalStage>(), IdempotencyKey = Id() }, officer).ResponseAsync,
                10 => () => harness.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest { RedemptionId = Id(), Stage = Enum<ApprovalStage>(), Reason = Enum<RejectionReason>(), ReasonText = Id() }, officer).ResponseAsync,
                11 => () => harness.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest { RedemptionId = Id(), Reason = Enum<VoidReason>(), ReasonText = Id() }, random.Next(2) == 0 ? officer : applicant).ResponseAsync,
                12 => () => harness.Redemptions.AppealRejectionAsync(new AppealRejectionRequest { RedemptionId = Id(), Statement = Id() }, applicant).ResponseAsync,
                13 => () => harness.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest { RedemptionId = Id(), Installment = random.Next(-2, 5), Amount = Money(), Failure = new DisbursementFailure { FailureCode = Id(), Retryable = random.Next(2) == 0 } }, officer).ResponseAsync,
                14 => () => harness.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = random.Next(-5, 500), PageToken = Id(), UnreadOnly = random.Next(2) == 0 }, applicant).ResponseAsync,
                15 => () => harness.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = Id() }, applicant).ResponseAsync,
                _ => () => harness.Policies.ClosePolicyAsync(new ClosePolicyRequest { PolicyId = Id() }, officer).ResponseAsync,
            };
            try
            {
                await call();
            }
            catch (RpcException error) when (error.StatusCode is not (StatusCode.Internal or StatusCode.Unknown))
            {
                if (error.StatusCode != StatusCode.ResourceExhausted && rpc is 0 or 6
                    && (await database.SortedSetLengthAsync(harness.Prefix + "policies") != catalogueBefore || await database.SortedSetLengthAsync(harness.Prefix + "redemptions") != redemptionsBefore))
                    failures.Add($"rpc {rpc} seed {seed}: refused with {error.StatusCode} but wrote");
            }
            catch (RpcException error)
            {
                failures.Add($"rpc {rpc} seed {seed}: {error.StatusCode} {error.Status.Detail}");
            }
        }, iter: 300, threads: 1);
        Assert.Empty(failures);
    }
}
