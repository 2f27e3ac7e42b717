using System.Reflection;

namespace TalentMesh.Testing.Mesh;

/// <summary>
/// Where a service's build output is: <c>services/&lt;Project&gt;/bin/&lt;Configuration&gt;/&lt;tfm&gt;/TalentMesh.&lt;Project&gt;.dll</c>,
/// in the configuration and target framework the tests themselves were built with (a Release test run starts
/// Release services). A test project builds the services by importing <c>Mesh/MeshServices.targets</c>.
/// </summary>
public static class ServiceBuildOutput
{
    /// <summary>The repository root: the first directory above the test's output that holds TalentMesh.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The configuration this assembly was compiled in (the test project's, as it builds its references alike).</summary>
    public static string Configuration { get; } =
        typeof(ServiceBuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The target framework folder (e.g. net10.0): the last folder of the test's own output directory.</summary>
    public static string TargetFramework { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    /// <summary>The entry assembly of <c>services/&lt;project&gt;</c>, e.g. <c>AssemblyOf("Registration")</c>.</summary>
    public static string AssemblyOf(string project)
    {
        var directory = Path.Combine(RepositoryRoot, "services", project, "bin", Configuration, TargetFramework);
        var assembly = Path.Combine(directory, $"TalentMesh.{project}.dll");
        if (!File.Exists(assembly))
            throw new FileNotFoundException(
                $"{assembly} is missing: build it with `dotnet build services/{project} -c {Configuration}`, or import " +
                "tests/TestInfrastructure/Mesh/MeshServices.targets into the test project so the services build with it.", assembly);
        return assembly;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TalentMesh.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No TalentMesh.sln above {AppContext.BaseDirectory}: the mesh runs the services from the repository's build output.");
    }
}
