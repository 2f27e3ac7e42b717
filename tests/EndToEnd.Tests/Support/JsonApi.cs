using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>
/// The mesh's JSON transcoding through a plain <see cref="HttpClient"/>: JSON written and read by hand, as a mobile or
/// web client without protobuf would (proto3 JSON mapping: lowerCamelCase names, enum names, int64 as strings). Like such
/// a client it sends a request again when the service answers 503 ("retry later": a Redis attempt timed out on the busy
/// test host), as the gRPC workflow's channels do (<see cref="MeshClients"/>), with Polly's retry. Every write carries an
/// idempotency key or is a decision that a repeat returns unchanged.
/// </summary>
public sealed class JsonApi(Mesh mesh)
{
    /// <summary>After a 503: up to 4 more attempts, waiting Retry-After or 200 ms doubling to 2 s.</summary>
    private static readonly ResiliencePipeline<HttpResponseMessage> RetryLater = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(response => response.StatusCode == HttpStatusCode.ServiceUnavailable),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
            DelayGenerator = retry => ValueTask.FromResult(retry.Outcome.Result?.Headers.RetryAfter?.Delta),
            OnRetry = retry =>
            {
                retry.Outcome.Result?.Dispose();
                return default;
            },
        })
        .Build();

    public async Task<JsonObject> SendAsync(MeshService service, HttpMethod method, string path, string role, string subject, object? body = null)
    {
        using var response = await RetryLater.ExecuteAsync(async cancellationToken =>
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Registration.Token(role, subject));
            if (body is not null)
                request.Content = JsonContent.Create(body);
            return await service.Http.SendAsync(request, cancellationToken);
        }, TestContext.Current.CancellationToken);
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

public sealed class JsonCallException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
