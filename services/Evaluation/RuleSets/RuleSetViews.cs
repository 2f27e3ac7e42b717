using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.RuleSets;

public static class RuleSetViews
{
    public static RuleSet View(PublishedRuleSet published, LoadedRuleSet loaded, bool withDocument) => new()
    {
        RuleSetId = loaded.Id,
        Version = loaded.Version,
        Hash = published.Hash,
        Status = published.Status switch
        {
            PublicationStatus.Active => RuleSetStatus.Active,
            PublicationStatus.Scheduled => RuleSetStatus.Scheduled,
            _ => RuleSetStatus.Superseded,
        },
        Document = withDocument ? published.Document : "",
        Summary = RuleSetDocument.Summary(loaded.Compiled),
        PublishedAt = EngineFacts.Timestamp(published.PublishedAt),
        PublishedBy = published.PublishedBy,
        EffectiveFrom = EngineFacts.Timestamp(published.EffectiveFrom),
    };
}
