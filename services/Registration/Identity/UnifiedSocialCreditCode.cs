namespace TalentMesh.Registration.Identity;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters over a 31-character alphabet, the last one a check character.</summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string? Error(string code)
    {
        if (code.Length != 18)
            return "must be 18 characters";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0)
                return "only digits and the letters of GB 32100 (no I, O, S, V, Z) are allowed";
            sum += value * Weights[i];
        }
        var check = Alphabet[(31 - sum % 31) % 31];
        return code[17] == check ? null : "the check character does not match (GB 32100)";
    }
}
