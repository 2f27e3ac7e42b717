using System.Globalization;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>
/// One /proc stat line (/proc/&lt;pid&gt;/stat or /proc/&lt;pid&gt;/task/&lt;tid&gt;/stat), its fields numbered as proc(5)
/// numbers them. Field 2, the name, is in parentheses and may hold spaces or parentheses, so the fields after it are
/// split from two characters after the last ')'.
/// </summary>
public readonly struct ProcStatLine
{
    private readonly string[] afterName;

    private ProcStatLine(string name, string[] afterName)
    {
        Name = name;
        this.afterName = afterName;
    }

    /// <summary>Field 2: the command name, without its parentheses.</summary>
    public string Name { get; }

    /// <summary>Field <paramref name="number"/> (3 or more) as text.</summary>
    public string Field(int number) => afterName[number - 3];

    /// <summary>Field <paramref name="number"/> (3 or more) as a number.</summary>
    public long NumberField(int number) => long.Parse(Field(number), CultureInfo.InvariantCulture);

    public static ProcStatLine Parse(string stat)
    {
        var nameEnd = stat.LastIndexOf(')');
        return new ProcStatLine(stat[(stat.IndexOf('(') + 1)..nameEnd], stat[(nameEnd + 2)..].Split(' '));
    }
}
