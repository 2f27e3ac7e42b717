namespace TalentMesh.Redemption.Access;

/// <summary>Joins key parts; a part never contains ':' from user input because ids are validated before use.</summary>
public static class RedisKeys
{
    public static bool IsSafeId(string id) => id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
