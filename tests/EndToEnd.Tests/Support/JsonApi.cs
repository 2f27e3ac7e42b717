using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>
/// The mesh's JSON transcoding through a plain <see cref="HttpClient"/>: JSON written and read by hand, as a mobile or
/// web client without protobuf would (proto3 JSON mapping: lowerCamelCase names, enum names, int64 as strings).
/// </summary>
public sealed class JsonApi(Mesh mesh)
{
    public async Task<JsonObject> SendAsync(MeshService service, HttpMethod method, string path, string role, string subject, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Registration.Token(role, subject));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await service.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new JsonCallException(response.StatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task<JsonObject> PostAsync(MeshService service, string path, string role, string subject, object body) =>
        SendAsync(service, HttpMethod.Post, path, role, subject, body);

    public Task<JsonObject> GetAsync(MeshService service, string path, string role, string subject) =>
        SendAsync(service, HttpMethod.Get, path, role, subject);
}

public sealed class JsonCallException(System.Net.HttpStatusCode status, string message) : Exception(message)
{
    public System.Net.HttpStatusCode Status { get; } = status;
}
