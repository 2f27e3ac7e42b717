using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TalentMesh.Deployment.Tests;

/// <summary>Where a variable of a pod's environment comes from.</summary>
internal enum EnvSource { Literal, ConfigMap, Secret }

internal sealed record EnvVariable(string Name, string Value, EnvSource Source);

/// <summary>
/// The environment Kubernetes gives a Deployment's app container: <c>envFrom</c> first, then <c>env</c> in order,
/// each value resolved from its ConfigMap (rendered) or Secret (as k8s/create-secrets.sh generates it), and
/// <c>$(VAR)</c> expanded from variables defined earlier — as the kubelet does.
/// </summary>
internal static partial class PodEnvironment
{
    public static IReadOnlyDictionary<string, EnvVariable> Of(Manifests manifests, JsonObject deployment)
    {
        var app = deployment.App();
        var env = new Dictionary<string, EnvVariable>(StringComparer.Ordinal);
        foreach (var source in app.Items("envFrom"))
        {
            var (kind, data) = source.At("secretRef") is not null
                ? (EnvSource.Secret, SecretData(source.Str("secretRef", "name")!))
                : (EnvSource.ConfigMap, ConfigMapData(manifests, source.Str("configMapRef", "name")!));
            foreach (var (key, value) in data)
            {
                env[source.Str("prefix") + key] = new EnvVariable(source.Str("prefix") + key, value, kind);
            }
        }

        foreach (var variable in app.Items("env"))
        {
            var name = variable.Str("name")!;
            env[name] = variable.At("valueFrom") is { } from
                ? Resolve(manifests, name, from)
                : new EnvVariable(name, Expand(variable.Str("value") ?? "", env), EnvSource.Literal);
        }

        return env;
    }

    /// <summary>The environment as configuration keys (<c>A__B</c> → <c>A:B</c>), as the environment-variable provider maps them.</summary>
    public static Dictionary<string, string?> AsConfiguration(IReadOnlyDictionary<string, EnvVariable> env) =>
        env.Values.ToDictionary(v => v.Name.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value);

    private static EnvVariable Resolve(Manifests manifests, string name, JsonNode from)
    {
        if (from.At("secretKeyRef") is { } secret)
        {
            var data = SecretData(secret.Str("name")!);
            var key = secret.Str("key")!;
            Assert.True(data.ContainsKey(key), $"{name}: Secret {secret.Str("name")} has no key {key} in k8s/create-secrets.sh.");
            return new EnvVariable(name, data[key], EnvSource.Secret);
        }

        if (from.At("configMapKeyRef") is { } configMap)
        {
            var data = ConfigMapData(manifests, configMap.Str("name")!);
            var key = configMap.Str("key")!;
            Assert.True(data.ContainsKey(key) || configMap.Str("optional") == "true", $"{name}: ConfigMap {configMap.Str("name")} has no key {key}.");
            return new EnvVariable(name, data.GetValueOrDefault(key) ?? "", EnvSource.ConfigMap);
        }

        // fieldRef / resourceFieldRef: the kubelet fills these in; their value is not configuration.
        return new EnvVariable(name, "", EnvSource.Literal);
    }

    private static IReadOnlyDictionary<string, string> SecretData(string name) =>
        ScriptSecrets.All.TryGetValue(name, out var data)
            ? data
            : throw new Xunit.Sdk.XunitException($"Secret {name} is referenced but k8s/create-secrets.sh does not create it.");

    private static IReadOnlyDictionary<string, string> ConfigMapData(Manifests manifests, string name) =>
        manifests.Single("ConfigMap", name).Map("data").ToDictionary(e => e.Key, e => e.Value ?? "");

    private static string Expand(string value, Dictionary<string, EnvVariable> defined) =>
        Reference().Replace(value, m => defined.TryGetValue(m.Groups[1].Value, out var v) ? v.Value : m.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
