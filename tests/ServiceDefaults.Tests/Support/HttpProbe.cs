using System.Net;

namespace TalentMesh.ServiceDefaults.Tests.Support;

public static class HttpProbe
{
    /// <summary>The status of a GET; a refused or reset connection counts as no answer (null).</summary>
    public static async Task<HttpStatusCode?> StatusOfAsync(this HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
