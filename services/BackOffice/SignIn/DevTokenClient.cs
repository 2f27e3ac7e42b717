using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TalentMesh.BackOffice.ServiceClients;

namespace TalentMesh.BackOffice.SignIn;

/// <summary>
/// Asks a Development service for a token: <c>POST {registration http}/dev/tokens</c> with <c>{"role","subject"}</c>
/// answers <c>{"token","expiresAt"}</c>. Every Development service signs with the same shared key, so one suffices.
/// </summary>
public sealed class DevTokenClient(HttpClient http, IOptions<MeshServicesOptions> services)
{
    public const string Path = "/dev/tokens";

    public async Task<DevToken> RequestAsync(string role, string subject, CancellationToken cancellationToken)
    {
        var address = new Uri(services.Value.Registration.Http, Path);
        // A buffered body (with Content-Length) rather than a chunked stream: any HTTP server reads it.
        using var body = new StringContent(JsonSerializer.Serialize(new DevTokenRequest(role, subject), JsonOptions), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(address, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{address} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return await response.Content.ReadFromJsonAsync<DevToken>(cancellationToken)
            ?? throw new HttpRequestException($"{address} answered without a token.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record DevTokenRequest(string Role, string Subject);
}

public sealed record DevToken(string Token, DateTimeOffset ExpiresAt);
