using Xunit;

namespace TalentMesh.Testing;

/// <summary>Tells a service's two listening addresses apart.</summary>
public static class ServiceAddresses
{
    /// <summary>
    /// Kestrel reports two addresses; the HTTP/1.1 one answers a plain GET /healthz, the h2c one cannot
    /// (an HTTP/1.1 request on an HTTP/2-only endpoint is a protocol error).
    /// </summary>
    public static async Task<(Uri Grpc, Uri Http)> IdentifyAsync(ICollection<string> bound)
    {
        var addresses = bound.Select(address => new Uri(address)).ToList();
        if (addresses.Count != 2)
            throw new InvalidOperationException($"Expected two bound addresses, got: {string.Join(", ", addresses)}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var http1 = new List<Uri>();
        foreach (var address in addresses)
        {
            try
            {
                using var response = await probe.GetAsync(new UriBuilder(address) { Path = "/healthz" }.Uri, TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                    http1.Add(address);
            }
            catch (HttpRequestException)
            {
                // The h2c-only endpoint rejects HTTP/1.1.
            }
        }
        if (http1.Count != 1)
            throw new InvalidOperationException(
                $"Expected exactly one HTTP/1.1 address among {string.Join(", ", addresses)}; answering: {string.Join(", ", http1)}");
        return (addresses.Single(address => address != http1[0]), http1[0]);
    }
}
