namespace TalentMesh.Registration.Identity;

/// <summary>
/// 居民身份证 and 港澳台居民居住证 (GB 11643-1999): 6-digit address code, birth date YYYYMMDD, 3-digit sequence whose
/// last digit is the gender, check character. The two documents differ only in the address codes they allow.
/// </summary>
public static class ResidentIdNumber
{
    /// <summary>GB/T 2260 province-level codes of the mainland (the first two digits).</summary>
    private static readonly HashSet<string> MainlandProvinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    ];

    /// <summary>Hong Kong, Macao and Taiwan residence permits carry these address codes.</summary>
    private static readonly HashSet<string> HmtPrefixes = ["810000", "820000", "830000"];

    public static IdentityCheck CheckMainland(string number, DateOnly today) =>
        Check(number, today, prefix => MainlandProvinces.Contains(prefix[..2]) && !prefix.EndsWith("0000", StringComparison.Ordinal),
            "the address code is not a mainland GB/T 2260 code");

    public static IdentityCheck CheckHmt(string number, DateOnly today) =>
        Check(number, today, HmtPrefixes.Contains, "a residence permit starts with 810000, 820000 or 830000");

    private static IdentityCheck Check(string number, DateOnly today, Func<string, bool> addressAllowed, string addressError)
    {
        if (number.Length != 18)
            return IdentityCheck.Invalid("must be 18 characters");
        if (Gb11643.CheckCharacter(number.AsSpan(0, 17)) is not { } check)
            return IdentityCheck.Invalid("the first 17 characters must be digits");
        if (check != number[17])
            return IdentityCheck.Invalid("the check character does not match (GB 11643)");
        if (!addressAllowed(number[..6]))
            return IdentityCheck.Invalid(addressError);
        if (EncodedDates.ParseYyyyMmDd(number.AsSpan(6, 8), today) is not { } birthDate)
            return IdentityCheck.Invalid("the encoded birth date is not a real date in the past");
        return IdentityCheck.Valid(number, birthDate, IdentityCheck.GenderFromDigit(number[16]));
    }
}
