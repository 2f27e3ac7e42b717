using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Tests.Fakes;

public sealed class FakeRuleSetClient : RuleSetService.RuleSetServiceClient
{
    public Func<GetRuleSetRequest, RuleSet> OnGet { get; set; } = _ => throw FakeCall.Unimplemented("GetRuleSet");

    public override AsyncUnaryCall<RuleSet> GetRuleSetAsync(GetRuleSetRequest request, CallOptions options) => FakeCall.From(() => OnGet(request));
}

public sealed class FakeScoreClient : ScoreService.ScoreServiceClient
{
    public Func<GetTierDistributionRequest, TierDistribution> OnTierDistribution { get; set; } = _ => throw FakeCall.Unimplemented("GetTierDistribution");

    public override AsyncUnaryCall<TierDistribution> GetTierDistributionAsync(GetTierDistributionRequest request, CallOptions options) =>
        FakeCall.From(() => OnTierDistribution(request));
}

public sealed class FakeRedemptionClient : RedemptionService.RedemptionServiceClient
{
    public Func<ListRedemptionsRequest, ListRedemptionsResponse> OnList { get; set; } = _ => throw FakeCall.Unimplemented("ListRedemptions");

    public override AsyncUnaryCall<ListRedemptionsResponse> ListRedemptionsAsync(ListRedemptionsRequest request, CallOptions options) => FakeCall.From(() => OnList(request));
}
