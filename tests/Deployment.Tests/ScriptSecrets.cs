using System.Text;

namespace TalentMesh.Deployment.Tests;

/// <summary>
/// The Secrets <c>k8s/create-secrets.sh --print</c> generates (fresh random values, no cluster): what a pod would
/// really receive, so the services' own validation judges the generated keys too.
/// </summary>
internal static class ScriptSecrets
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Generated = new(Generate);

    /// <summary>Secret name → key → decoded value.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All => Generated.Value;

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Generate()
    {
        var yaml = Kubectl.Run("bash", RepoRoot.Combine("k8s/create-secrets.sh"), "--print");
        return Manifests.Parse(yaml).OfKind("Secret").ToDictionary(
            secret => secret.Name(),
            secret => (IReadOnlyDictionary<string, string>)secret.Map("data").ToDictionary(
                entry => entry.Key, entry => Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value ?? ""))));
    }
}
