using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Evaluation.Scores;

/// <summary>Scores and their explanation; every answer is the stored evaluation replayed under the rule set it used.</summary>
public sealed class ScoreGrpcService(ScoreStore scores, RuleSetStore ruleSets, WhatIf whatIf) : ScoreService.ScoreServiceBase
{
    private const string Readers = $"{Roles.Applicant},{Roles.Hr},{Roles.PolicyOfficer},{Roles.Admin}";
    private const string HistoryReaders = $"{Roles.Applicant},{Roles.Hr},{Roles.Admin}";
    private const string DistributionReaders = $"{Roles.Hr},{Roles.PolicyOfficer},{Roles.Admin}";

    [Authorize(Roles = Readers)]
    public override async Task<Score> GetScore(GetScoreRequest request, ServerCallContext context)
    {
        var talentId = ScoreAccess.TalentId(context, request.TalentId);
        var stored = await scores.CurrentAsync(talentId) ?? throw new NotFoundException("score of talent", talentId);
        return ScoreViews.Stored(await RuleSetOf(stored), stored, talentId);
    }

    [Authorize(Roles = Readers)]
    public override async Task<ScoreExplanation> ExplainScore(ExplainScoreRequest request, ServerCallContext context)
    {
        var talentId = ScoreAccess.TalentId(context, request.TalentId);
        if (request.EvaluationSequence < 0)
            throw new ValidationFailedException([new FieldViolation("evaluation_sequence", "0 (the current evaluation) or a sequence from the history")]);
        var stored = request.EvaluationSequence == 0 ? await scores.CurrentAsync(talentId) : await scores.BySequenceAsync(talentId, request.EvaluationSequence);
        if (stored is null)
            throw new NotFoundException("evaluation of talent", talentId);
        return ExplanationViews.Explain(await RuleSetOf(stored), stored, talentId);
    }

    [Authorize(Roles = HistoryReaders)]
    public override async Task<GetEvaluationHistoryResponse> GetEvaluationHistory(GetEvaluationHistoryRequest request, ServerCallContext context)
    {
        var talentId = ScoreAccess.TalentId(context, request.TalentId);
        var offset = PageTokens.Offset(request.PageToken);
        var (page, total) = await scores.HistoryAsync(talentId, offset, PageTokens.Size(request.PageSize));
        if (total == 0)
            throw new NotFoundException("evaluations of talent", talentId);
        return new GetEvaluationHistoryResponse { Evaluations = { page }, NextPageToken = PageTokens.Next(offset, page.Length, total) };
    }

    [Authorize(Roles = DistributionReaders)]
    public override async Task<TierDistribution> GetTierDistribution(GetTierDistributionRequest request, ServerCallContext context)
    {
        var counts = await scores.TierCountsAsync();
        var distribution = new TierDistribution { Total = counts.Sum(c => c.Talents) };
        distribution.Tiers.AddRange(counts.Select(c => new TierCount { Tier = c.Tier, Talents = c.Talents }));
        return distribution;
    }

    /// <summary>Any signed-in caller (the fallback policy): it reads nothing about anyone and stores nothing.</summary>
    public override Task<Score> EvaluateFacts(EvaluateFactsRequest request, ServerCallContext context) => whatIf.EvaluateAsync(request);

    private async Task<LoadedRuleSet> RuleSetOf(Contracts.Evaluation.V1.Evaluation stored) =>
        await ruleSets.ByHashAsync(stored.RuleSetHash) ?? throw new InvalidOperationException($"rule set {stored.RuleSetHash} is not stored");
}
