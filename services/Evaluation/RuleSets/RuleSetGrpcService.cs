using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Reevaluation;
using TalentMesh.Evaluation.Scores;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>The published scheme (public), and its administration: validate, preview, publish, follow the rollout.</summary>
public sealed class RuleSetGrpcService(RuleSetStore ruleSets, RuleSetPublisher publisher, PreviewCalculator preview, RolloutStore rollouts,
    TimeProvider time) : RuleSetService.RuleSetServiceBase
{
    private const string Active = "active";

    [AllowAnonymous]
    public override async Task<ListRuleSetsResponse> ListRuleSets(ListRuleSetsRequest request, ServerCallContext context)
    {
        var offset = PageTokens.Offset(request.PageToken);
        var (hashes, total) = await ruleSets.PublishedHashesAsync(offset, PageTokens.Size(request.PageSize));
        var response = new ListRuleSetsResponse { NextPageToken = PageTokens.Next(offset, hashes.Length, total) };
        foreach (var hash in hashes)
            response.RuleSets.Add(await ViewAsync(hash, withDocument: false));
        return response;
    }

    [AllowAnonymous]
    public override async Task<RuleSet> GetRuleSet(GetRuleSetRequest request, ServerCallContext context)
    {
        var hash = request.Hash == Active ? await ruleSets.ActiveHashAsync() ?? "" : ValidHash(request.Hash, "hash");
        return await ViewAsync(hash, withDocument: true);
    }

    [Authorize(Roles = Roles.Admin)]
    public override Task<ValidateRuleSetResponse> ValidateRuleSet(ValidateRuleSetRequest request, ServerCallContext context)
    {
        var loaded = RuleSetDocument.Compile(request.Document);
        return Task.FromResult(new ValidateRuleSetResponse { Hash = loaded.Hash, Summary = RuleSetDocument.Summary(loaded.Compiled) });
    }

    [Authorize(Roles = Roles.Admin)]
    public override Task<PreviewRuleSetResponse> PreviewRuleSet(PreviewRuleSetRequest request, ServerCallContext context)
    {
        if (request.SampleSize is < 0 or > 100)
            throw new ValidationFailedException([new FieldViolation("sample_size", "0 (default 10) to 100")]);
        var candidate = RuleSetDocument.Compile(request.Document);
        return preview.PreviewAsync(candidate, request.SampleSize == 0 ? 10 : request.SampleSize, context.CancellationToken);
    }

    [Authorize(Roles = Roles.Admin)]
    public override async Task<RuleSet> PublishRuleSet(PublishRuleSetRequest request, ServerCallContext context)
    {
        var publishedBy = context.GetHttpContext().User.FindFirst(Roles.SubjectClaim)?.Value ?? "";
        var published = await publisher.PublishAsync(request.Document, request.ExpectedHash, request.EffectiveFrom?.ToDateTimeOffset(),
            request.IdempotencyKey, publishedBy);
        return await ViewAsync(published.Hash, withDocument: true);
    }

    [Authorize(Roles = Roles.Admin)]
    public override async Task<Rollout> GetRollout(GetRolloutRequest request, ServerCallContext context)
    {
        var hash = ValidHash(request.Hash, "hash");
        var progress = await rollouts.ProgressAsync(hash) ?? throw new NotFoundException("rollout of rule set", hash);
        return RolloutViews.View(progress, time.GetUtcNow());
    }

    private async Task<RuleSet> ViewAsync(string hash, bool withDocument)
    {
        var published = await ruleSets.PublishedAsync(hash) ?? throw new NotFoundException("rule set", hash);
        var loaded = await ruleSets.ByHashAsync(hash) ?? throw new NotFoundException("rule set", hash);
        return RuleSetViews.View(published, loaded, withDocument);
    }

    private static string ValidHash(string hash, string field) =>
        System.Text.RegularExpressions.Regex.IsMatch(hash, "^sha256:[0-9a-f]{64}$")
            ? hash
            : throw new ValidationFailedException([new FieldViolation(field, "a rule-set hash (sha256:<64 lower-case hex>) or \"active\"")]);
}
