using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>What the talent is told about a transition (written to their inbox in the same commit).</summary>
public sealed record TalentNotice(NotificationKind Kind, string Title, string Body);
