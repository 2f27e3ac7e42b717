using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TalentMesh.Deployment.Tests;

/// <summary>The documents `kubectl kustomize` renders for one kustomization, as JSON trees.</summary>
internal sealed class Manifests(IReadOnlyList<JsonObject> documents)
{
    private static readonly ConcurrentDictionary<string, Lazy<Manifests>> Rendered = new();

    public IReadOnlyList<JsonObject> Documents { get; } = documents;

    /// <summary>
    /// The services' Deployments (those with a Dapr sidecar); never empty, so a check looping over them cannot pass by
    /// checking nothing.
    /// </summary>
    public IReadOnlyList<JsonObject> Deployments
    {
        get
        {
            var deployments = AllDeployments.Where(d => d.Str("spec", "template", "metadata", "annotations", "dapr.io/enabled") == "true").ToList();
            Assert.NotEmpty(deployments);
            return deployments;
        }
    }

    /// <summary>Every Deployment: the services and the back-office console.</summary>
    public IReadOnlyList<JsonObject> AllDeployments
    {
        get
        {
            var deployments = OfKind("Deployment").ToList();
            Assert.NotEmpty(deployments);
            return deployments;
        }
    }

    /// <summary>Everything that runs pods: the Deployments and the StatefulSets.</summary>
    public IEnumerable<JsonObject> Workloads => AllDeployments.Concat(OfKind("StatefulSet"));

    /// <summary>Renders once per kustomization directory (relative to the repo root) and caches it.</summary>
    public static Manifests Render(string kustomization) =>
        Rendered.GetOrAdd(kustomization, dir => new Lazy<Manifests>(
            () => Parse(Kubectl.Kustomize(RepoRoot.Combine(dir))))).Value;

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var documents = stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
        return new Manifests(documents);
    }

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Documents.Where(d => d.Str("kind") == kind);

    public JsonObject Single(string kind, string name) =>
        Assert.Single(OfKind(kind), d => d.Str("metadata", "name") == name);

    // Scalars stay strings ("5000" and 5000 compare equal); kubectl output needs no more.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(
            child => KeyValuePair.Create(((YamlScalarNode)child.Key).Value!, ToJson(child.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };
}
