using System.Text.RegularExpressions;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Testing;

/// <summary>
/// Reads an API table of docs/contracts.md (<c>### Registration</c>, <c>### Evaluation</c>, …): RPC → the roles its
/// third column names. "any" is every role; "anonymous" (as in "anonymous allowed") admits callers without a token.
/// The authorization tests call every RPC as every role against it, so the document and the code cannot drift apart.
/// </summary>
public static partial class ContractsTable
{
    public const string Anonymous = "anonymous";

    public static Dictionary<string, HashSet<string>> Read(string section)
    {
        var lines = File.ReadAllLines(Path.Combine(Mesh.ServiceBuildOutput.RepositoryRoot, "docs", "contracts.md"));
        var start = Array.IndexOf(lines, "### " + section);
        if (start < 0)
            throw new InvalidOperationException($"docs/contracts.md has no '### {section}' section");
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("### ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 5 || !cells[1].Contains('.', StringComparison.Ordinal) || cells[1].StartsWith("---", StringComparison.Ordinal))
                continue;
            var roles = AnyRole().IsMatch(cells[3])
                ? Roles.All.ToHashSet()
                : Roles.All.Append(Anonymous).Where(role => Regex.IsMatch(cells[3], $@"\b{role}\b")).ToHashSet();
            table[cells[1]] = roles;
        }
        return table;
    }

    [GeneratedRegex(@"^any\b")]
    private static partial Regex AnyRole();
}
