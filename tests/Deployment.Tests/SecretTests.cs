using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TalentMesh.Deployment.Tests;

/// <summary>Secrets are referenced by name and created out of band, never committed.</summary>
public partial class SecretTests
{
    /// <summary>Secret name → the keys k8s/create-secrets.sh gives it; read once for all overlays.</summary>
    private static readonly Lazy<Dictionary<string, HashSet<string>>> CreatedByScript = new(() =>
        EnsureCall().Matches(File.ReadAllText(RepoRoot.Combine("k8s/create-secrets.sh"))).ToDictionary(
            m => m.Groups["name"].Value,
            m => LiteralKey().Matches(m.Groups["args"].Value).Select(k => k.Groups["key"].Value).ToHashSet()));

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Render_ContainsNoSecretWithData(string overlay)
    {
        var withData = Manifests.Render(overlay).OfKind("Secret")
            .Where(s => s.At("data") is not null || s.At("stringData") is not null)
            .Select(s => s.Name());

        Assert.Empty(withData);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void SecretReferences_NameOnlyDocumentedSecrets(string overlay)
    {
        var referenced = References(Manifests.Render(overlay)).Select(r => r.Name).ToHashSet();

        // Exactly the documented ones: nothing undocumented is referenced, and a documented but unused Secret is a stale doc.
        Assert.Equal(Overlays.DocumentedSecrets.Order(), referenced.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void SecretKeyReferences_AreCreatedByTheScript(string overlay)
    {
        var created = CreatedByScript.Value;
        var keyed = References(Manifests.Render(overlay)).Where(r => r.Key is not null).ToList();

        Assert.Equal(Overlays.DocumentedSecrets.Order(), created.Keys.Order());
        Assert.NotEmpty(keyed);
        foreach (var (name, key) in keyed)
        {
            Assert.Contains(key!, created[name]);
        }
    }

    /// <summary>(secret, key) for every secretKeyRef, and (secret, null) for every envFrom secretRef or secret volume.</summary>
    private static IEnumerable<(string Name, string? Key)> References(Manifests manifests)
    {
        foreach (var document in manifests.Documents)
        {
            foreach (var reference in document.Descendants("secretKeyRef"))
            {
                yield return (reference.Str("name")!, reference.Str("key"));
            }

            foreach (var reference in document.Descendants("secretRef"))
            {
                yield return (reference.Str("name")!, null);
            }

            foreach (var volume in document.Descendants("secret").Where(v => v.At("secretName") is JsonValue))
            {
                yield return (volume.Str("secretName")!, null);
            }
        }
    }

    // `ensure NAME \` followed by its continuation lines.
    [GeneratedRegex(@"^ensure (?<name>[a-z0-9-]+)(?<args>(?:[^\n]*\\\n)*[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex EnsureCall();

    [GeneratedRegex(@"--from-literal=(?<key>[A-Za-z0-9_.-]+)")]
    private static partial Regex LiteralKey();
}
