namespace TalentMesh.Registration.Identity;

/// <summary>
/// 护照: an ISO 3166 alpha-3 issuing country and a document number of 5–9 upper-case letters and digits (the MRZ
/// document-number field is 9 characters; shorter national numbers exist). Passports carry no check character
/// outside the MRZ, so a changed character is detectable only when it leaves the alphabet.
/// </summary>
public static class PassportNumber
{
    public static IdentityCheck Check(string number)
    {
        if (number.Length is < 5 or > 9)
            return IdentityCheck.Invalid("must be 5 to 9 characters");
        if (number.AsSpan().ContainsAnyExcept("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            return IdentityCheck.Invalid("only upper-case letters A–Z and digits are allowed");
        if (!number.AsSpan().ContainsAny("0123456789"))
            return IdentityCheck.Invalid("must contain a digit");
        return IdentityCheck.Valid(number);
    }

    public static string? CountryError(string issuingCountry) =>
        IsoCountries.IsAlpha3(issuingCountry) ? null : "must be an ISO 3166 alpha-3 country code (e.g. DEU)";
}
