using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// The impact of a candidate rule set on every registered talent: each talent's current evaluation against the
/// candidate's evaluation of their facts today. Reads only; pages through the talents with pipelined reads and
/// evaluates each page on every core.
/// </summary>
public sealed class PreviewCalculator(FactsStore facts, ScoreStore scores, RuleSetStore ruleSets, IOptions<EvaluationOptions> options, TimeProvider time)
{
    private const int PageSize = 2000;

    private async Task<(string[] Ids, VersionedFacts[] Facts, Contracts.Evaluation.V1.Evaluation?[] Scores)> ReadPageAsync(string after)
    {
        var ids = await facts.TalentIdsAfterAsync(after, PageSize);
        if (ids.Length == 0)
            return (ids, [], []);
        var factsRead = facts.LoadManyAsync(ids);
        var scoresRead = scores.CurrentManyAsync(ids);
        return (ids, await factsRead, await scoresRead);
    }

    public async Task<PreviewRuleSetResponse> PreviewAsync(LoadedRuleSet candidate, int sampleSize, CancellationToken cancellationToken)
    {
        var today = options.Value.LocalDate(time.GetUtcNow());
        var tally = new PreviewTally(sampleSize);
        // The next page is read while this one is evaluated.
        var page = ReadPageAsync("");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ids, loaded, current) = await page;
            if (ids.Length == 0)
                break;
            page = ReadPageAsync(ids[^1]);
            var previewed = new (double Points, Tier Tier)[ids.Length];
            Parallel.For(0, ids.Length, i =>
            {
                var result = EvaluationCalculator.Evaluate(candidate, FactDerivation.Derive(loaded[i].Facts, today));
                previewed[i] = ((double)result.Total, TierMapping.TierOf(result));
            });
            for (var i = 0; i < ids.Length; i++)
            {
                if (current[i] is { } now)
                    tally.Add(ids[i], now.TotalPoints, now.Tier, previewed[i].Points, previewed[i].Tier);
            }
        }
        return tally.ToResponse(candidate.Hash, await ruleSets.ActiveHashAsync() ?? "");
    }
}
