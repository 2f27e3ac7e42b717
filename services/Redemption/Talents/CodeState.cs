namespace TalentMesh.Redemption.Talents;

/// <summary>The talent code as far as Redemption knows it from talent-code.issued / talent-code.revoked.</summary>
public enum CodeState
{
    /// <summary>No code event seen yet: not held against the talent (the code may simply not be issued yet).</summary>
    Unknown,
    Active,
    /// <summary>Every code seen was revoked: benefits are blocked until a new code is issued.</summary>
    Revoked,
}
