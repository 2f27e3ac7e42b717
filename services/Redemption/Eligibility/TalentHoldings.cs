namespace TalentMesh.Redemption.Eligibility;

/// <summary>
/// What a talent holds that can block a new redemption: live redemptions by policy and by exclusion group, and the
/// request times of the redemptions that count against a policy's frequency limit.
/// </summary>
public sealed record TalentHoldings(
    IReadOnlyDictionary<string, string> LiveByPolicy,
    IReadOnlyDictionary<string, string> LiveByGroup,
    IReadOnlyList<DateTimeOffset> CountedRequests)
{
    public static readonly TalentHoldings None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), []);
}
