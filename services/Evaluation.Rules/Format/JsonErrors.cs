using System.Text.Json;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Says where a JSON text broke, in the file's terms (line, column, the path read so far), without the reader's
/// internal wording ("'a' is an invalid start of a property name. Expected a '\"'. BytePositionInLine …").
/// </summary>
public static class JsonErrors
{
    public static string Where(JsonException e)
    {
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        var after = e.Path is { Length: > 1 } path ? $", after {path}" : "";
        return $"at line {line}, column {column}{after}: check for a missing quote, comma or bracket, or a stray character";
    }
}
