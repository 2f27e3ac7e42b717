using System.Text.RegularExpressions;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.Credentials;

/// <summary>Checks a SubmitCredential request: attributes by type, the verification reference by type, the evidence.</summary>
public static partial class SubmissionRules
{
    public const int MaxEvidence = 10;
    public const long MaxEvidenceBytes = 20 * 1024 * 1024;
    private static readonly HashSet<string> MediaTypes = ["application/pdf", "image/jpeg", "image/png"];

    public static void Validate(SubmitCredentialRequest request, DateOnly today)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        CredentialAttributeRules.Check(request.Attributes, "attributes", today, violations);
        violations.AddIf("verification_reference", ReferenceError(request.Attributes, request.VerificationReference));
        CheckEvidence(request.Evidence, violations);
        violations.AddIf("idempotency_key", FieldRules.IdempotencyKey(request.IdempotencyKey));
        violations.ThrowIfAny();
    }

    /// <summary>学信网 codes for domestic degrees (16 upper-case letters/digits, older reports 12 digits); a certificate or record number otherwise.</summary>
    public static string? ReferenceError(CredentialAttributes? attributes, string reference)
    {
        if (attributes?.KindCase == CredentialAttributes.KindOneofCase.Degree && !attributes.Degree.Overseas)
            return ChsiCodePattern().IsMatch(reference) ? null : "a 学信网 verification code is 16 upper-case letters/digits or 12 digits";
        return RecordNumberPattern().IsMatch(reference) ? null : "must be 4–40 upper-case letters, digits, '.', '/' or '-'";
    }

    public static void CheckEvidence(IReadOnlyList<Evidence> evidence, Violations violations)
    {
        if (evidence.Count is 0 or > MaxEvidence)
            violations.Add("evidence", $"must list 1 to {MaxEvidence} documents");
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(evidence.Count, MaxEvidence); i++)
        {
            var item = evidence[i];
            var field = $"evidence[{i}]";
            if (!ContentHashPattern().IsMatch(item.ContentHash))
                violations.Add($"{field}.content_hash", "must be \"sha256:\" and 64 lower-case hex digits");
            else if (!hashes.Add(item.ContentHash))
                violations.Add($"{field}.content_hash", "lists the same document twice");
            if (!MediaTypes.Contains(item.MediaType))
                violations.Add($"{field}.media_type", "must be application/pdf, image/jpeg or image/png");
            if (item.SizeBytes is < 1 or > MaxEvidenceBytes)
                violations.Add($"{field}.size_bytes", $"must be 1 to {MaxEvidenceBytes} bytes");
            violations.AddIf($"{field}.description", FieldRules.Text(item.Description, 200, required: false));
        }
    }

    [GeneratedRegex("^([A-Z0-9]{16}|[0-9]{12})$")]
    private static partial Regex ChsiCodePattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9./-]{3,39}$")]
    private static partial Regex RecordNumberPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    public static partial Regex ContentHashPattern();
}
