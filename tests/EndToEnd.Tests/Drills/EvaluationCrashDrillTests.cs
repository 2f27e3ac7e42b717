using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Drills;

/// <summary>
/// Drill: Evaluation is SIGKILLed while HR verifies 5,000 credentials, then restarted. Every talent ends with the right
/// tier in Registration and Redemption, and each real change (the tier gained) has exactly one effect downstream.
/// </summary>
public sealed class EvaluationCrashDrillTests
{
    private const int Count = 5_000;
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EvaluationKilledDuringVerification_Restarted_EveryTierRightAndEachChangeAppliedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);
        var api = new MeshClients(mesh);
        var policy = await api.Policies.PublishPolicyAsync(new PublishPolicyRequest
        {
            PolicyId = (await api.Policies.CreatePolicyAsync(new CreatePolicyRequest
            {
                Policy = new Policy
                {
                    Title = "Drill allowance", EligibleTiers = { Tier.B, Tier.C }, PaymentForm = PaymentForm.OneOff,
                    Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 1_000 },
                },
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, api.Officer)).PolicyId,
        }, api.Officer);

        var credentials = new string[Count];
        await Talents.ForEachAsync(Count, async (i, _) =>
        {
            var id = Talents.Id("ev", i);
            // Seeding is not the drill: on a busy host a call may be told to retry later (the Redis attempt timeout).
            var registration = Talents.Registration(i);
            await WellBehavedClient.UntilAvailableAsync(async () => await api.Talents.RegisterTalentAsync(registration, api.Applicant(id)), ClientPatience);
            var (attributes, reference) = Talents.Program(i);
            var submission = People.Submission(id, attributes, reference);
            credentials[i] = (await WellBehavedClient.UntilAvailableAsync(async () => await api.Credentials.SubmitCredentialAsync(submission, api.Applicant(id)), ClientPatience)).CredentialId;
        });

        // HR verifies all 5,000; when 1,500 are through, Evaluation is killed mid-stream and started again.
        var verified = 0;
        var crash = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restart = crash.Task.ContinueWith(async _ =>
        {
            await mesh.Evaluation.KillAsync();
            await mesh.Evaluation.StartAsync(ct);
        }, ct, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        await Talents.ForEachAsync(Count, async (i, _) =>
        {
            // HR's client, like any well-behaved one, asks again when told to retry later (a Redis attempt that timed
            // out while the restarted Evaluation compiles its code on the same 2 cores): a decision already made comes
            // back as it is (CredentialDesk), so a repeated call is not a second decision — the effects below say so.
            var credential = await WellBehavedClient.UntilAvailableAsync(async () =>
                await api.Credentials.VerifyCredentialAsync(new VerifyCredentialRequest { CredentialId = credentials[i] }, api.Hr), ClientPatience);
            Assert.Equal(CredentialStatus.Verified, credential.Status);
            if (Interlocked.Increment(ref verified) == 1_500)
                crash.SetResult();
        });
        await restart;
        Assert.Contains(mesh.Evaluation.Process.OutputLines, line => line.Contains("killed", StringComparison.Ordinal));

        // Every talent reaches its tier in Registration and in Redemption (nothing lost).
        await AllEventuallyAsync(async (i, id) =>
            (await api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = id }, api.Hr)).Tier == Talents.ExpectedTier(i), "Registration holds every tier");
        await AllEventuallyAsync(async (i, id) =>
            (await api.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest(), api.Applicant(id))).Tier == Talents.ExpectedTier(i), "Redemption holds every tier");

        // Exactly one effect per real change: one verified-credential evaluation in Evaluation, one recorded tier in
        // Registration's audit trail, one "benefit available" notification in Redemption.
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Talents.ForEachAsync(Count, async (i, _) =>
        {
            var id = Talents.Id("ev", i);
            var tier = Talents.ExpectedTier(i).ToString();
            var history = await api.Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest { TalentId = id, PageSize = 100 }, api.Hr);
            var byVerification = history.Evaluations.Count(e => e.Trigger == EvaluationTrigger.CredentialVerified);
            var audit = await api.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { TalentId = id, PageSize = 100 }, api.Hr);
            var recorded = audit.Entries.Where(e => e.Action == "tier.recorded").ToList();
            var tierRecorded = recorded.Count(e => e.After["tier"] == tier);
            var sequencesRecordedTwice = recorded.GroupBy(e => e.After["evaluation_sequence"]).Count(g => g.Count() > 1);
            var inbox = await api.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, api.Applicant(id));
            var offers = inbox.Notifications.Count(n => n.Kind == NotificationKind.BenefitAvailable && n.PolicyId == policy.PolicyId);
            var tierChanges = inbox.Notifications.Count(n => n.Kind == NotificationKind.TierChanged);
            if (byVerification != 1 || tierRecorded != 1 || sequencesRecordedTwice != 0 || offers != 1 || tierChanges > 1)
                failures.Add($"{id}: evaluations by verification {byVerification}, tier {tier} recorded {tierRecorded}, sequences recorded twice {sequencesRecordedTwice}, offers {offers}, tier-change notices {tierChanges}");
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} talents: {string.Join("; ", failures.Take(10))}");

        async Task AllEventuallyAsync(Func<int, string, Task<bool>> reached, string because)
        {
            var pending = Enumerable.Range(0, Count).ToList();
            await Eventually.TrueAsync(async () =>
            {
                var still = new System.Collections.Concurrent.ConcurrentBag<int>();
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Talents.Concurrency, CancellationToken = ct }, async (i, _) =>
                {
                    // "Retry later" (a Redis attempt timed out on the busy host) is "not yet" for this talent.
                    bool done;
                    try
                    {
                        done = await reached(i, Talents.Id("ev", i));
                    }
                    catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
                    {
                        done = false;
                    }
                    if (!done)
                        still.Add(i);
                });
                pending = [.. still];
                return pending.Count == 0;
            }, TimeSpan.FromMinutes(2), $"{because} ({pending.Count} talents still missing){Environment.NewLine}{mesh.OutputTails(20)}");
        }
    }
}
