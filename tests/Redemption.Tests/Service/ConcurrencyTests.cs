using System.Collections.Concurrent;
using Grpc.Core;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;

namespace TalentMesh.Redemption.Tests.Service;

public sealed class ConcurrencyTests(RedisServerFixture redis)
{
    private const int Talents = 1_000, Flows = 2_000, Quota = 100, Affordable = 80, Repetitions = 20;
    private const long AmountFen = 100_000_00;

    [Fact]
    public async Task RedeemAndApprove_2000ConcurrentFlowsFrom1000Talents_ExactlyTheBudgetIsApproved_20Times()
    {
        await using var harness = await StartAsync(redis);
        var talents = Enumerable.Range(0, Talents).Select(i => $"c{i:D4}").ToArray();
        await Task.WhenAll(talents.Select(t => harness.PublishEvaluationAsync(t, Tier.E, 1)));
        await Eventually.TrueAsync(async () => await harness.Host.Redis.GetDatabase().SortedSetLengthAsync(harness.Prefix + "talents") == Talents,
            TimeSpan.FromSeconds(60), "all talents projected");
        var tokens = talents.ToDictionary(t => t, t => harness.Host.Token(Roles.Applicant, t));
        var officer = harness.Host.Token(Roles.PolicyOfficer, "officer-1");

        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var draft = Support.Policies.PurchaseSubsidy();
            draft.Title = $"Purchase subsidy round {repetition}";
            draft.ExclusionGroup = "";
            draft.Amount = Fen.ToMoney(AmountFen);
            draft.CountQuota = Quota;
            draft.TotalBudget = Fen.ToMoney(AmountFen * Affordable);
            var policy = await harness.PublishAsync(draft);

            var approved = new ConcurrentBag<string>();
            var unexpected = new ConcurrentBag<string>();
            using var gate = new SemaphoreSlim(200);
            await Task.WhenAll(Enumerable.Range(0, Flows).Select(async flow =>
            {
                var talent = talents[flow % Talents];
                await gate.WaitAsync();
                try
                {
                    var redemption = await harness.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = policy.PolicyId, IdempotencyKey = $"r{repetition}-{flow}" },
                        ServiceHost<Program>.Call(tokens[talent], TimeSpan.FromSeconds(60)));
                    var decided = await harness.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest { RedemptionId = redemption.RedemptionId, Stage = ApprovalStage.PreliminaryReview },
                        ServiceHost<Program>.Call(officer, TimeSpan.FromSeconds(60)));
                    if (decided.Status == RedemptionStatus.Disbursing)
                        approved.Add(talent);
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted
                    || error.StatusCode == StatusCode.FailedPrecondition && Reason(error) == "ALREADY_HELD")
                {
                }
                catch (RpcException error)
                {
                    unexpected.Add($"{talent}: {error.StatusCode} {error.Status.Detail}");
                }
                finally
                {
                    gate.Release();
                }
            }));

            Assert.Empty(unexpected);
            Assert.Equal(Affordable, approved.Count);
            Assert.Equal(Affordable, approved.Distinct().Count());
            var usage = await harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = policy.PolicyId }, ServiceHost<Program>.Call(officer));
            Assert.Equal(Fen.ToMoney(AmountFen * Affordable), usage.BudgetCommitted);
            Assert.Equal(Affordable, usage.ApprovedCount);
            var disbursing = await harness.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest { PolicyId = policy.PolicyId, Status = RedemptionStatus.Disbursing, PageSize = 100 },
                ServiceHost<Program>.Call(officer));
            Assert.Equal(Affordable, disbursing.Redemptions.Select(r => r.TalentId).Distinct().Count());
        }
    }
}
