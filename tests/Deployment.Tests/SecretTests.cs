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

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Workloads_SecretVariables_ComeOnlyFromSecretReferences(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var secretKeys = ScriptSecrets.All.Values.SelectMany(data => data.Keys).ToHashSet();
        var inlined = new List<string>();
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in workload.Containers())
            {
                var fromSecrets = container.Items("env").Where(e => e.At("valueFrom", "secretKeyRef") is not null)
                    .Select(e => e.Str("name")!).ToHashSet();
                foreach (var variable in container.Items("env"))
                {
                    var name = variable.Str("name")!;
                    if ((secretKeys.Contains(name) || Sensitive().IsMatch(name)) && !fromSecrets.Contains(name))
                        inlined.Add($"{workload.Name()}/{container.Str("name")}: {name} is not a secretKeyRef");
                    // A credential inside a literal (a connection string's password) must be a $(VAR) from a Secret.
                    foreach (Match credential in InlineCredential().Matches(variable.Str("value") ?? ""))
                    {
                        if (!(VariableReference().Match(credential.Groups["value"].Value) is { Success: true } reference
                                && fromSecrets.Contains(reference.Groups[1].Value)))
                            inlined.Add($"{workload.Name()}/{container.Str("name")}: {name} carries '{credential.Value}'");
                    }
                }
            }
        }

        foreach (var configMap in manifests.OfKind("ConfigMap"))
        {
            inlined.AddRange(configMap.Map("data").Keys.Where(key => secretKeys.Contains(key) || Sensitive().IsMatch(key))
                .Select(key => $"ConfigMap {configMap.Name()}: {key}"));
        }

        foreach (var component in manifests.OfKind("Component"))
        {
            inlined.AddRange(component.Items("spec", "metadata")
                .Where(m => Sensitive().IsMatch(m.Str("name")!) && m.At("secretKeyRef") is null)
                .Select(m => $"Component {component.Name()}: {m.Str("name")} is not a secretKeyRef"));
        }

        Assert.Empty(inlined);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Render_ContainsNoDevelopmentKey(string overlay)
    {
        var values = Manifests.Render(overlay).Documents.SelectMany(Scalars).ToList();
        var developmentKeys = DevelopmentKeys().ToList();

        // The well-known keys of appsettings.Development.json would let anyone mint tokens or read personal data.
        Assert.NotEmpty(developmentKeys);
        Assert.Empty(developmentKeys.Where(key => values.Any(v => v.Contains(key.Value, StringComparison.Ordinal))).Select(key => key.Path));
    }

    /// <summary>Secret-looking leaves (keys, private keys, passwords, tokens) of every service's appsettings.Development.json.</summary>
    private static IEnumerable<(string Path, string Value)> DevelopmentKeys()
    {
        foreach (var file in Directory.GetDirectories(RepoRoot.Combine("services"))
                     .Select(project => Path.Combine(project, "appsettings.Development.json")).Where(File.Exists))
        {
            var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            foreach (var (path, value) in Leaves(root, ""))
            {
                if (DevelopmentSecret().IsMatch(path) && !path.EndsWith("://", StringComparison.Ordinal))
                    yield return ($"{Path.GetRelativePath(RepoRoot.Path, file)}: {path}", value);
            }
        }
    }

    private static IEnumerable<(string Path, string Value)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value, $"{path}:{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Leaves(item, $"{path}:{i}")),
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length >= 16 => [(path, text)],
        _ => [],
    };

    private static IEnumerable<string> Scalars(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Scalars(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(Scalars),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

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

    /// <summary>Names that hold credentials (not ids such as ActiveKeyId).</summary>
    [GeneratedRegex(@"(?i)(password|secret|token|privatekey|signingkey|blindindexkey|(^|__)keys__)")]
    private static partial Regex Sensitive();

    [GeneratedRegex(@"(?i)(password|pwd)=(?<value>[^,;]*)")]
    private static partial Regex InlineCredential();

    [GeneratedRegex(@"^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?i)(signingkey|privatekey|blindindexkey|:keys:|password|secret|token)")]
    private static partial Regex DevelopmentSecret();
}
