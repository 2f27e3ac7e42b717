namespace TalentMesh.Deployment.Tests;

/// <summary>The folder holding TalentMesh.sln, found by walking up from the test binaries.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TalentMesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TalentMesh.sln above {AppContext.BaseDirectory}.");
    }
}
