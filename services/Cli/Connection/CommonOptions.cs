using System.CommandLine;

namespace TalentMesh.Cli.Connection;

/// <summary>Options several areas share, created fresh per command (a symbol belongs to one command).</summary>
public static class CommonOptions
{
    public static Option<string?> Talent() => new("--talent") { Description = "The talent id (an applicant's own by default)" };

    public static Option<int> PageSize() => new("--page-size") { Description = "Entries per page (at most 100)", DefaultValueFactory = _ => 20 };

    public static Option<string?> PageToken() => new("--page-token") { Description = "The next_page_token of the previous page" };

    public static Argument<string> Id(string name, string description) => new(name) { Description = description };
}
