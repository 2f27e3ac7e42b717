using TalentMesh.Registration.Identity;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class CodesAndMaskingTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91440300708461136T")]
    public void CreditCode_ValidExamples_Accepted(string code) => Assert.Null(UnifiedSocialCreditCode.Error(code));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91440300708461136T")]
    public void CreditCode_AnyOneCharacterChanged_Rejected(string code)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in alphabet.Where(c => c != code[position]))
            {
                var changed = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));
                Assert.NotNull(UnifiedSocialCreditCode.Error(changed));
            }
        }
    }

    [Theory]
    [InlineData("9135010OM000100Y43")] // O is not in the GB 32100 alphabet
    [InlineData("91350100M000100Y4")]
    public void CreditCode_BadAlphabetOrLength_Rejected(string code) => Assert.NotNull(UnifiedSocialCreditCode.Error(code));

    [Theory]
    [InlineData("13800000000", "13800000000")]
    [InlineData("+8613800000000", "13800000000")]
    [InlineData(" 19912345678 ", "19912345678")]
    [InlineData("12800000000", null)]
    [InlineData("1380000000", null)]
    [InlineData("+4413800000000", null)]
    [InlineData("1380000000a", null)]
    public void Phone_Normalize(string input, string? expected) => Assert.Equal(expected, MainlandPhone.Normalize(input));

    [Fact]
    public void Masking_ShowsOnlyEnoughToRecognise()
    {
        Assert.Equal("110105********002X", Masking.IdentityNumber("11010519491231002X"));
        Assert.Equal("138****0000", Masking.Phone("13800000000"));
        Assert.Equal("张*明", Masking.FullName("张小明"));
        Assert.Equal("张*", Masking.FullName("张三"));
        Assert.Equal("J********h", Masking.FullName("John Smith"));
        var passport = Masking.IdentityNumber("E12345678");
        Assert.DoesNotContain("2345", passport);
    }
}
