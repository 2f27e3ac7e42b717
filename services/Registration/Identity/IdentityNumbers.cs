using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Registration.Identity;

/// <summary>Checks an identity number by its document type; the one entry point the registration validator uses.</summary>
public static class IdentityNumbers
{
    /// <summary>Leading/trailing blanks dropped, letters upper-cased (a lower-case "x" check character is common).</summary>
    public static string Normalize(string number) => number.Trim().ToUpperInvariant();

    public static IdentityCheck Check(IdentityDocumentType type, string number, DateOnly today)
    {
        var normalized = Normalize(number);
        return type switch
        {
            IdentityDocumentType.ResidentId => ResidentIdNumber.CheckMainland(normalized, today),
            IdentityDocumentType.HmtResidence => ResidentIdNumber.CheckHmt(normalized, today),
            IdentityDocumentType.ForeignPermanentResidence => ForeignPermanentResidenceNumber.Check(normalized, today),
            IdentityDocumentType.Passport => PassportNumber.Check(normalized),
            _ => IdentityCheck.Invalid("the document type is not set"),
        };
    }
}
