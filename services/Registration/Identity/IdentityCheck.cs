using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Registration.Identity;

/// <summary>
/// The outcome of checking an identity number: why it is invalid, or what it encodes (birth date and gender where
/// the format carries them) in its normalized spelling.
/// </summary>
public sealed record IdentityCheck(string? Error, string Normalized, DateOnly? BirthDate, Gender Gender)
{
    public bool IsValid => Error is null;

    public static IdentityCheck Invalid(string error) => new(error, "", null, Gender.Unspecified);

    public static IdentityCheck Valid(string normalized, DateOnly? birthDate = null, Gender gender = Gender.Unspecified) =>
        new(null, normalized, birthDate, gender);

    /// <summary>GB 11643 and both foreign residence formats: an odd gender digit is male, an even one female.</summary>
    public static Gender GenderFromDigit(char digit) => (digit - '0') % 2 == 1 ? Gender.Male : Gender.Female;
}
