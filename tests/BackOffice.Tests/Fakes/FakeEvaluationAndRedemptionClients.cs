using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.BackOffice.Tests.Fakes;

public sealed class FakeRuleSetClient : RuleSetService.RuleSetServiceClient
{
    public Func<GetRuleSetRequest, RuleSet> OnGet { get; set; } = _ => throw FakeCall.Unimplemented("GetRuleSet");
    public Func<ListRuleSetsRequest, ListRuleSetsResponse> OnList { get; set; } = _ => new ListRuleSetsResponse();
    public Func<ValidateRuleSetRequest, ValidateRuleSetResponse> OnValidate { get; set; } = _ => throw FakeCall.Unimplemented("ValidateRuleSet");
    public Func<PreviewRuleSetRequest, PreviewRuleSetResponse> OnPreview { get; set; } = _ => throw FakeCall.Unimplemented("PreviewRuleSet");
    public Func<PublishRuleSetRequest, RuleSet> OnPublish { get; set; } = _ => throw FakeCall.Unimplemented("PublishRuleSet");
    public Func<GetRolloutRequest, Rollout> OnGetRollout { get; set; } = _ => throw FakeCall.Unimplemented("GetRollout");
    public List<PublishRuleSetRequest> PublishRequests { get; } = [];

    public override AsyncUnaryCall<RuleSet> GetRuleSetAsync(GetRuleSetRequest request, CallOptions options) => FakeCall.From(() => OnGet(request));

    public override AsyncUnaryCall<ListRuleSetsResponse> ListRuleSetsAsync(ListRuleSetsRequest request, CallOptions options) => FakeCall.From(() => OnList(request));

    public override AsyncUnaryCall<ValidateRuleSetResponse> ValidateRuleSetAsync(ValidateRuleSetRequest request, CallOptions options) => FakeCall.From(() => OnValidate(request));

    public override AsyncUnaryCall<PreviewRuleSetResponse> PreviewRuleSetAsync(PreviewRuleSetRequest request, CallOptions options) => FakeCall.From(() => OnPreview(request));

    public override AsyncUnaryCall<RuleSet> PublishRuleSetAsync(PublishRuleSetRequest request, CallOptions options)
    {
        PublishRequests.Add(request);
        return FakeCall.From(() => OnPublish(request));
    }

    public override AsyncUnaryCall<Rollout> GetRolloutAsync(GetRolloutRequest request, CallOptions options) => FakeCall.From(() => OnGetRollout(request));
}

public sealed class FakePolicyClient : PolicyService.PolicyServiceClient
{
    public Func<GetPolicyRequest, Policy> OnGet { get; set; } = _ => throw FakeCall.Unimplemented("GetPolicy");
    public Func<CreatePolicyRequest, Policy> OnCreate { get; set; } = _ => throw FakeCall.Unimplemented("CreatePolicy");
    public Func<PublishPolicyRequest, Policy> OnPublish { get; set; } = _ => throw FakeCall.Unimplemented("PublishPolicy");
    public Func<ClosePolicyRequest, Policy> OnClose { get; set; } = _ => throw FakeCall.Unimplemented("ClosePolicy");
    public List<CreatePolicyRequest> CreateRequests { get; } = [];
    public List<ClosePolicyRequest> CloseRequests { get; } = [];

    public override AsyncUnaryCall<Policy> GetPolicyAsync(GetPolicyRequest request, CallOptions options) => FakeCall.From(() => OnGet(request));

    public override AsyncUnaryCall<Policy> CreatePolicyAsync(CreatePolicyRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        return FakeCall.From(() => OnCreate(request));
    }

    public override AsyncUnaryCall<Policy> PublishPolicyAsync(PublishPolicyRequest request, CallOptions options) => FakeCall.From(() => OnPublish(request));

    public override AsyncUnaryCall<Policy> ClosePolicyAsync(ClosePolicyRequest request, CallOptions options)
    {
        CloseRequests.Add(request);
        return FakeCall.From(() => OnClose(request));
    }
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
