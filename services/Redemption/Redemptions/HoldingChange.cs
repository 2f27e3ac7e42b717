namespace TalentMesh.Redemption.Redemptions;

/// <summary>What a transition does to the talent's live holdings (policy place, exclusion group, frequency count).</summary>
public enum HoldingChange
{
    None,

    /// <summary>Fully disbursed: the policy place frees up (the frequency limit still counts it; the group stays taken).</summary>
    ReleasePolicy,

    /// <summary>Rejected, voided or failed for good: policy place and group free up, and it no longer counts for frequency.</summary>
    ReleaseAll,

    /// <summary>An appeal takes policy place and group again (refused if another live redemption took them meanwhile).</summary>
    Acquire,
}
