using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Identity;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.Talents;

/// <summary>Checks every field of RegisterTalent, including that birth date and gender agree with the number.</summary>
public static class RegistrationValidator
{
    public static ValidRegistration Validate(RegisterTalentRequest request, DateOnly today)
    {
        var violations = new Violations();
        violations.AddIf("identity_document_type", FieldRules.EnumValue(request.IdentityDocumentType));
        var identity = IdentityNumbers.Check(request.IdentityDocumentType, request.IdentityNumber, today);
        if (request.IdentityDocumentType != IdentityDocumentType.Unspecified)
            violations.AddIf("identity_number", identity.Error);

        var country = request.IssuingCountry.Trim().ToUpperInvariant();
        if (request.IdentityDocumentType == IdentityDocumentType.Passport)
            violations.AddIf("issuing_country", PassportNumber.CountryError(country));
        else if (country.Length > 0)
            violations.Add("issuing_country", "is only given for passports");

        violations.AddIf("full_name", PersonName.Error(request.FullName));
        violations.AddIf("birth_date", FieldRules.Date(request.BirthDate, EncodedDates.Earliest, today));
        var birthDate = request.BirthDate is null ? null : FieldRules.ToDateOnly(request.BirthDate);
        if (identity is { IsValid: true, BirthDate: { } encoded } && birthDate is { } stated && stated != encoded)
            violations.Add("birth_date", "does not match the birth date encoded in the identity number");

        violations.AddIf("gender", FieldRules.EnumValue(request.Gender));
        if (identity is { IsValid: true, Gender: not Gender.Unspecified } && request.Gender != Gender.Unspecified && request.Gender != identity.Gender)
            violations.Add("gender", "does not match the gender digit of the identity number");

        var phone = MainlandPhone.Normalize(request.Phone);
        if (phone is null)
            violations.Add("phone", "must be a mainland mobile number (11 digits starting 13–19, optionally +86)");
        var employer = request.EmployerCreditCode.Trim().ToUpperInvariant();
        violations.AddIf("employer_credit_code", UnifiedSocialCreditCode.Error(employer));
        violations.AddIf("idempotency_key", FieldRules.IdempotencyKey(request.IdempotencyKey));
        violations.ThrowIfAny();

        return new ValidRegistration(request.IdentityDocumentType, identity.Normalized,
            request.IdentityDocumentType == IdentityDocumentType.Passport ? country : "",
            request.FullName.Trim(), birthDate!.Value, request.Gender, phone!, employer, request.IdempotencyKey);
    }
}
