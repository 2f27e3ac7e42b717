namespace TalentMesh.Registration.Identity;

/// <summary>A mainland mobile number: 11 digits starting 13–19, written plainly or in E.164 (+86…); stored as the 11 digits.</summary>
public static class MainlandPhone
{
    /// <summary>The 11-digit form, or null when <paramref name="phone"/> is not a mainland mobile number.</summary>
    public static string? Normalize(string phone)
    {
        var text = phone.Trim();
        if (text.StartsWith("+86", StringComparison.Ordinal))
            text = text[3..];
        return text.Length == 11 && text[0] == '1' && text[1] is >= '3' and <= '9' && !text.AsSpan().ContainsAnyExcept("0123456789")
            ? text
            : null;
    }
}
