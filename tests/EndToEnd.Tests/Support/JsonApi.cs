using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>
/// The mesh's JSON transcoding through a plain <see cref="HttpClient"/>: JSON written and read by hand, as a mobile or
/// web client without protobuf would (proto3 JSON mapping: lowerCamelCase names, enum names, int64 as strings). Like such
/// a client it sends a request again when the service answers 503 ("retry later": a Redis attempt timed out on the busy
/// test host), as the gRPC workflow's channels do (<see cref="MeshClients"/>): up to 5 attempts, waiting Retry-After or
/// 200 ms doubling to 2 s. Every write carries an idempotency key or is a decision that a repeat returns unchanged.
/// </summary>
public sealed class JsonApi(Mesh mesh)
{
    private const int MaxAttempts = 5;

    public async Task<JsonObject> SendAsync(MeshService service, HttpMethod method, string path, string role, string subject, object? body = null)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Registration.Token(role, subject));
            if (body is not null)
                request.Content = JsonContent.Create(body);
            using var response = await service.Http.SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? backoff, TestContext.Current.CancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new JsonCallException(response.StatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }
    }

    public Task<JsonObject> PostAsync(MeshService service, string path, string role, string subject, object body) =>
        SendAsync(service, HttpMethod.Post, path, role, subject, body);

    public Task<JsonObject> GetAsync(MeshService service, string path, string role, string subject) =>
        SendAsync(service, HttpMethod.Get, path, role, subject);
}

public sealed class JsonCallException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
