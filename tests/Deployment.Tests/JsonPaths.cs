using System.Text.Json.Nodes;

namespace TalentMesh.Deployment.Tests;

/// <summary>Null-tolerant navigation through rendered manifests.</summary>
internal static class JsonPaths
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(step, out var next) ? next : null;
        }

        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value ? value.GetValue<string>() : null;

    public static IEnumerable<JsonObject> Items(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IReadOnlyDictionary<string, string?> Map(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonObject obj
            ? obj.ToDictionary(p => p.Key, p => p.Value is JsonValue v ? v.GetValue<string>() : null)
            : new Dictionary<string, string?>();

    /// <summary>Every object, at any depth, that is the value of a property called <paramref name="name"/>.</summary>
    public static IEnumerable<JsonObject> Descendants(this JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == name && value is JsonObject hit)
                    {
                        yield return hit;
                    }

                    foreach (var inner in value.Descendants(name))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(item => item.Descendants(name)))
                {
                    yield return inner;
                }

                break;
        }
    }

    /// <summary>The containers and init containers of a Deployment's or StatefulSet's pod template.</summary>
    public static IEnumerable<JsonObject> Containers(this JsonObject workload) =>
        workload.Items("spec", "template", "spec", "containers")
            .Concat(workload.Items("spec", "template", "spec", "initContainers"));

    public static JsonObject App(this JsonObject deployment) =>
        Assert.Single(deployment.Items("spec", "template", "spec", "containers"), c => c.Str("name") == "app");

    public static string Name(this JsonObject document) => document.Str("metadata", "name") ?? "<unnamed>";
}
