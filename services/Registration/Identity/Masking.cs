namespace TalentMesh.Registration.Identity;

/// <summary>How personal data appears in responses: enough to recognise one's own, not enough to use.</summary>
public static class Masking
{
    /// <summary>"110105********002X": the first six (address code) and last four characters of an 18-character number.</summary>
    public static string IdentityNumber(string number)
    {
        var head = Math.Min(6, number.Length / 3);
        var tail = Math.Min(4, number.Length / 4);
        return string.Concat(number.AsSpan(0, head), new string('*', number.Length - head - tail), number.AsSpan(number.Length - tail));
    }

    /// <summary>"138****0000".</summary>
    public static string Phone(string phone) =>
        phone.Length < 8 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));

    /// <summary>"张*明", "张*", "J********h": the first and last character, for matching the holder at a service point.</summary>
    public static string FullName(string name)
    {
        var runes = name.EnumerateRunes().ToArray();
        return runes.Length switch
        {
            0 => "",
            1 => "*",
            2 => runes[0] + "*",
            _ => runes[0] + new string('*', runes.Length - 2) + runes[^1],
        };
    }
}
