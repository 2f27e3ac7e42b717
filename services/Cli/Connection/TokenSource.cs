using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentMesh.Cli.Connection;

/// <summary>
/// Development tokens from a service's <c>POST /dev/tokens</c> (mapped only in a Development mesh), one per caller
/// and service, kept for the run.
/// </summary>
public sealed class TokenSource(HttpClient http) : IDisposable
{
    private readonly ConcurrentDictionary<(Uri, Caller), Task<MintedToken>> tokens = new();

    public Task<MintedToken> GetAsync(Uri httpAddress, Caller caller, CancellationToken cancellationToken) =>
        tokens.GetOrAdd((httpAddress, caller), key => MintAsync(key.Item1, key.Item2, null, cancellationToken));

    public async Task<MintedToken> MintAsync(Uri httpAddress, Caller caller, int? lifetimeMinutes, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(httpAddress, "/dev/tokens");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(endpoint, new { role = caller.Role, subject = caller.Subject, lifetimeMinutes }, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new MeshUnreachableException($"cannot reach {endpoint} for a development token: {error.Message}");
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
                throw new CliException($"{httpAddress} mints no development tokens (not a Development mesh): pass --token <jwt> from the identity provider");
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new CliException($"{endpoint} answered {(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            return new MintedToken(json.RootElement.GetProperty("token").GetString()!, json.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
        }
    }

    public void Dispose() => http.Dispose();
}

public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>A service did not answer at all (wrong address, mesh not running).</summary>
public sealed class MeshUnreachableException(string message) : Exception(message);
