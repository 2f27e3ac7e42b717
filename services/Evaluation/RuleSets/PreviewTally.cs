using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>Counts, samples and distributions of a preview, one talent at a time (pure).</summary>
public sealed class PreviewTally(int sampleSize)
{
    private const double BandWidth = 10;
    private readonly PreviewRuleSetResponse response = new();
    private readonly Dictionary<(Tier, Tier), int> transitions = [];
    private readonly Dictionary<Tier, int> currentTiers = [];
    private readonly Dictionary<Tier, int> previewedTiers = [];
    private readonly SortedDictionary<double, int> currentBands = [];
    private readonly SortedDictionary<double, int> previewedBands = [];

    public void Add(string talentId, double currentPoints, Tier currentTier, double previewedPoints, Tier previewedTier)
    {
        response.TalentsEvaluated++;
        var change = new TalentChange
        {
            TalentId = talentId, CurrentPoints = currentPoints, PreviewedPoints = previewedPoints, CurrentTier = currentTier, PreviewedTier = previewedTier,
        };
        if (previewedPoints > currentPoints)
            Count(() => response.MovedUp++, response.SampleMovedUp, change);
        else if (previewedPoints < currentPoints)
            Count(() => response.MovedDown++, response.SampleMovedDown, change);
        else
            response.Unchanged++;
        var held = Held(currentTier);
        var willHold = Held(previewedTier);
        if (!held && willHold)
            Count(() => response.GainedTier++, response.SampleGainedTier, change);
        else if (held && !willHold)
            Count(() => response.LostTier++, response.SampleLostTier, change);
        else if (held && currentTier != previewedTier)
            response.ChangedTier++;
        if (currentTier != previewedTier)
            transitions[(currentTier, previewedTier)] = transitions.GetValueOrDefault((currentTier, previewedTier)) + 1;
        currentTiers[currentTier] = currentTiers.GetValueOrDefault(currentTier) + 1;
        previewedTiers[previewedTier] = previewedTiers.GetValueOrDefault(previewedTier) + 1;
        Band(currentBands, currentPoints);
        Band(previewedBands, previewedPoints);
    }

    public PreviewRuleSetResponse ToResponse(string hash, string activeHash)
    {
        response.Hash = hash;
        response.ActiveHash = activeHash;
        response.Transitions.AddRange(transitions.OrderBy(t => t.Key.Item1).ThenBy(t => t.Key.Item2)
            .Select(t => new TierTransition { FromTier = t.Key.Item1, ToTier = t.Key.Item2, Talents = t.Value }));
        response.CurrentDistribution.AddRange(currentTiers.OrderBy(t => t.Key).Select(t => new TierCount { Tier = t.Key, Talents = t.Value }));
        response.PreviewedDistribution.AddRange(previewedTiers.OrderBy(t => t.Key).Select(t => new TierCount { Tier = t.Key, Talents = t.Value }));
        response.CurrentScores.AddRange(currentBands.Select(b => new ScoreBand { MinPoints = b.Key, Talents = b.Value }));
        response.PreviewedScores.AddRange(previewedBands.Select(b => new ScoreBand { MinPoints = b.Key, Talents = b.Value }));
        return response;
    }

    private static bool Held(Tier tier) => tier is not (Tier.None or Tier.Unspecified);

    private void Count(Action increment, Google.Protobuf.Collections.RepeatedField<TalentChange> sample, TalentChange change)
    {
        increment();
        if (sample.Count < sampleSize)
            sample.Add(change);
    }

    private static void Band(SortedDictionary<double, int> bands, double points)
    {
        var band = Math.Floor(points / BandWidth) * BandWidth;
        bands[band] = bands.GetValueOrDefault(band) + 1;
    }
}
