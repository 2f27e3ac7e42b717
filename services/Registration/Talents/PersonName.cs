namespace TalentMesh.Registration.Talents;

/// <summary>A full name as on the identity document: letters of any script, spaces and the separators names use.</summary>
public static class PersonName
{
    public const int MaxLength = 64;

    public static string? Error(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
            return "is required";
        if (trimmed.Length > MaxLength)
            return $"must be at most {MaxLength} characters";
        // "·" joins transliterated foreign names in Chinese (e.g. 艾伦·图灵).
        foreach (var rune in trimmed.EnumerateRunes())
        {
            var allowed = System.Text.Rune.IsLetter(rune)
                || System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.NonSpacingMark
                || rune.Value is ' ' or '·' or '-' or '.' or '\'';
            if (!allowed)
                return "may contain only letters, spaces and · - . '";
        }
        return null;
    }
}
