namespace TalentMesh.Registration.Identity;

/// <summary>
/// 外国人永久居留身份证 in both formats. 2023 (18 characters): "9", 2-digit province, ISO 3166 numeric nationality,
/// YYYYMMDD, 2-digit sequence, gender digit, GB 11643 check character. Old (15 characters): ISO alpha-3 nationality,
/// 4-digit place code, YYMMDD, gender digit, a 7-3-1 check digit as in passports' machine-readable zone.
/// </summary>
public static class ForeignPermanentResidenceNumber
{
    public static IdentityCheck Check(string number, DateOnly today) => number.Length switch
    {
        18 => Check2023(number, today),
        15 => CheckOld(number, today),
        _ => IdentityCheck.Invalid("must be 18 characters (2023 format) or 15 characters (old format)"),
    };

    private static IdentityCheck Check2023(string number, DateOnly today)
    {
        if (number[0] != '9')
            return IdentityCheck.Invalid("a 2023-format number starts with 9");
        if (Gb11643.CheckCharacter(number.AsSpan(0, 17)) is not { } check)
            return IdentityCheck.Invalid("the first 17 characters must be digits");
        if (check != number[17])
            return IdentityCheck.Invalid("the check character does not match (GB 11643)");
        if (!IsoCountries.IsNumeric(number[3..6]))
            return IdentityCheck.Invalid("the nationality is not an ISO 3166 numeric code");
        if (EncodedDates.ParseYyyyMmDd(number.AsSpan(6, 8), today) is not { } birthDate)
            return IdentityCheck.Invalid("the encoded birth date is not a real date in the past");
        return IdentityCheck.Valid(number, birthDate, IdentityCheck.GenderFromDigit(number[16]));
    }

    private static IdentityCheck CheckOld(string number, DateOnly today)
    {
        if (!IsoCountries.IsAlpha3(number[..3]))
            return IdentityCheck.Invalid("an old-format number starts with an ISO 3166 alpha-3 nationality");
        if (number.AsSpan(3).ContainsAnyExcept("0123456789"))
            return IdentityCheck.Invalid("characters 4 to 15 of an old-format number must be digits");
        if (MrzCheckDigit.Compute(number.AsSpan(0, 14)) != number[14] - '0')
            return IdentityCheck.Invalid("the check digit does not match (weights 7-3-1)");
        if (EncodedDates.ParseYyMmDd(number.AsSpan(7, 6), today) is not { } birthDate)
            return IdentityCheck.Invalid("the encoded birth date is not a real date in the past");
        return IdentityCheck.Valid(number, birthDate, IdentityCheck.GenderFromDigit(number[13]));
    }
}
