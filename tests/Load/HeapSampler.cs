using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// Reads each service's managed heap (<see cref="HeapSample"/>) from its /metrics until disposed. Every 5 s rather than
/// every second like /proc: a scrape writes the service's whole metrics text, and the gauges move only at a collection.
/// </summary>
public sealed class HeapSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly IReadOnlyList<(string Name, HttpClient Http)> services;
    private readonly Dictionary<string, List<HeapSample>> samples;
    private readonly PeriodicLoop loop;

    public HeapSampler(IReadOnlyList<(string Name, HttpClient Http)> services)
    {
        this.services = services;
        samples = services.ToDictionary(s => s.Name, _ => new List<HeapSample>());
        loop = new PeriodicLoop(Interval, SampleAllAsync);
    }

    /// <summary>The services sampled, in the order given.</summary>
    public IEnumerable<string> Services => services.Select(s => s.Name);

    private async Task SampleAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, http) in services)
        {
            string metrics;
            try
            {
                metrics = await PrometheusSample.ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // A service that is gone or not answering has no reading this time; the report counts what it has.
                continue;
            }
            if (HeapSample.Parse(Stopwatch.GetTimestamp(), metrics) is { } sample)
            {
                lock (samples)
                    samples[name].Add(sample);
            }
        }
    }

    /// <summary>The samples of one service taken between two timestamps.</summary>
    public IReadOnlyList<HeapSample> Between(string name, long from, long to)
    {
        lock (samples)
            return samples[name].Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
    }

    public ValueTask DisposeAsync() => loop.DisposeAsync();
}
