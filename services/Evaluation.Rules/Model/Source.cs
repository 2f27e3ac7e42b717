namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// Where a rule comes from: the policy document, the article in it and a link. Explanations show it beside the
/// points, so an applicant can read the provision that awarded (or deducted) them. At least one part is stated.
/// </summary>
public sealed record Source(string? Document, string? Article, string? Url)
{
    public override string ToString() =>
        string.Join(", ", new[] { Document, Article }.Where(p => p is not null)) + (Url is null ? "" : Document is null && Article is null ? Url : $" ({Url})");
}
