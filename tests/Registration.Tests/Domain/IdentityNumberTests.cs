using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Identity;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    public static TheoryData<IdentityDocumentType, string, string, Gender> ValidNumbers
    {
        get
        {
            var data = new TheoryData<IdentityDocumentType, string, string, Gender>();
            foreach (var (type, number, birthDate, gender) in Samples.IdentityNumbers)
                data.Add(type, number, birthDate, gender);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ValidNumbers))]
    public void Check_ValidNumber_AcceptedWithEncodedBirthDateAndGender(IdentityDocumentType type, string number, string birthDate, Gender gender)
    {
        var check = IdentityNumbers.Check(type, number, Today);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), check.BirthDate);
        Assert.Equal(gender, check.Gender);
    }

    [Theory]
    [MemberData(nameof(ValidNumbers))]
    public void Check_AnyOneDigitChanged_Rejected(IdentityDocumentType type, string number, string birthDate, Gender gender)
    {
        _ = (birthDate, gender);
        for (var position = 0; position < number.Length; position++)
        {
            if (!char.IsAsciiDigit(number[position]))
                continue;
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == number[position])
                    continue;
                var changed = string.Concat(number.AsSpan(0, position), digit.ToString(), number.AsSpan(position + 1));
                Assert.False(IdentityNumbers.Check(type, changed, Today).IsValid, $"{changed} (position {position}) was accepted");
            }
        }
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("34052419800101001X")]
    public void Check_CheckCharacterXChanged_Rejected(string number) =>
        Assert.False(IdentityNumbers.Check(IdentityDocumentType.ResidentId, number[..17] + "0", Today).IsValid);

    [Fact]
    public void Check_LowerCaseX_AcceptedAndNormalized() =>
        Assert.Equal("11010519491231002X", IdentityNumbers.Check(IdentityDocumentType.ResidentId, " 11010519491231002x ", Today).Normalized);

    [Fact]
    public void Check_BirthDateInTheFuture_Rejected()
    {
        // 2027-01-01, with a correct check character: only the date is wrong.
        var first17 = "11010520270101001";
        var number = first17 + Gb11643.CheckCharacter(first17);
        Assert.Contains("birth date", IdentityNumbers.Check(IdentityDocumentType.ResidentId, number, Today).Error);
    }

    [Fact]
    public void Check_ImpossibleDate_Rejected()
    {
        var first17 = "11010519900230001";
        var number = first17 + Gb11643.CheckCharacter(first17);
        Assert.Contains("birth date", IdentityNumbers.Check(IdentityDocumentType.ResidentId, number, Today).Error);
    }

    [Fact]
    public void Check_HmtNumberAsResidentId_Rejected()
    {
        Assert.False(IdentityNumbers.Check(IdentityDocumentType.ResidentId, "810000199408230021", Today).IsValid);
        Assert.False(IdentityNumbers.Check(IdentityDocumentType.HmtResidence, "11010519491231002X", Today).IsValid);
    }

    [Fact]
    public void Check_ForeignNumberWithUnknownNationality_Rejected()
    {
        var first17 = "91199919901231002"; // 999 is no ISO 3166 numeric code
        Assert.False(IdentityNumbers.Check(IdentityDocumentType.ForeignPermanentResidence, first17 + Gb11643.CheckCharacter(first17), Today).IsValid);
        Assert.False(IdentityNumbers.Check(IdentityDocumentType.ForeignPermanentResidence, "XXX110080010111", Today).IsValid);
    }

    [Theory]
    [InlineData("E12345678", true)]
    [InlineData("C0345678", true)]
    [InlineData("E1234567*", false)]
    [InlineData("e12345678", true)]
    [InlineData("ABCDEFGH", false)]
    [InlineData("E1234", true)]
    [InlineData("E123", false)]
    [InlineData("E123456789", false)]
    public void Check_Passport_AlphabetAndLength(string number, bool valid) =>
        Assert.Equal(valid, IdentityNumbers.Check(IdentityDocumentType.Passport, number, Today).IsValid);

    [Theory]
    [InlineData("DEU", true)]
    [InlineData("CHN", true)]
    [InlineData("XYZ", false)]
    [InlineData("DE", false)]
    public void CountryError_Alpha3(string code, bool valid) => Assert.Equal(valid, PassportNumber.CountryError(code) is null);
}
