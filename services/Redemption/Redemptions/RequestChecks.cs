using System.Text.RegularExpressions;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Access;
using TalentMesh.Redemption.Budgets;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>Field checks of the redemption requests; every offending field is named, nothing is stored.</summary>
public static partial class RequestChecks
{
    public const int MaxText = 2_000;

    public static void Id(string value, string field, List<FieldViolation> violations)
    {
        if (!RedisKeys.IsSafeId(value))
            violations.Add(new FieldViolation(field, "is required (letters, digits, '-', '_', '.')"));
    }

    public static void OptionalKey(string value, List<FieldViolation> violations)
    {
        if (value.Length > 0 && !RedisKeys.IsSafeId(value))
            violations.Add(new FieldViolation("idempotency_key", "must be 1–128 letters, digits, '-', '_' or '.'"));
    }

    public static void Text(string value, string field, bool required, List<FieldViolation> violations)
    {
        if (required && string.IsNullOrWhiteSpace(value))
            violations.Add(new FieldViolation(field, "is required"));
        else if (value.Length > MaxText)
            violations.Add(new FieldViolation(field, $"must be at most {MaxText} characters"));
    }

    public static void Stage(ApprovalStage stage, List<FieldViolation> violations)
    {
        if (stage == ApprovalStage.Unspecified || !Enum.IsDefined(stage))
            violations.Add(new FieldViolation("stage", "must be a known approval stage"));
    }

    public static void Materials(IReadOnlyList<SubmittedMaterial> materials, List<FieldViolation> violations)
    {
        for (var i = 0; i < materials.Count; i++)
        {
            if (!RedisKeys.IsSafeId(materials[i].MaterialId))
                violations.Add(new FieldViolation($"materials[{i}].material_id", "is required"));
            if (!ContentHash().IsMatch(materials[i].ContentHash))
                violations.Add(new FieldViolation($"materials[{i}].content_hash", "must be \"sha256:\" and 64 lower-case hex digits"));
            if (materials[i].MediaType.Length is 0 or > 100)
                violations.Add(new FieldViolation($"materials[{i}].media_type", "is required (at most 100 characters)"));
        }
    }

    public static void Amount(Google.Type.Money? amount, string field, List<FieldViolation> violations)
    {
        if (amount is null)
            violations.Add(new FieldViolation(field, "is required"));
        else if (Fen.Problem(amount) is { } problem)
            violations.Add(new FieldViolation(field, problem));
        else if (Fen.From(amount) == 0)
            violations.Add(new FieldViolation(field, "must be positive"));
    }

    public static void Timestamp(Google.Protobuf.WellKnownTypes.Timestamp? timestamp, string field, List<FieldViolation> violations)
    {
        if (timestamp is not null && (timestamp.Seconds is < -62135596800 or > 253402300799 || timestamp.Nanos is < 0 or >= 1_000_000_000))
            violations.Add(new FieldViolation(field, "is not a valid timestamp"));
    }

    public static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex ContentHash();
}
