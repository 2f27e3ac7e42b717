using System.Globalization;

namespace TalentMesh.Testing;

/// <summary>
/// One sample line of the Prometheus text a service's /metrics writes (OpenTelemetry's exporter): the metric's name, the
/// whole line (its labels are read from it on demand) and the value.
/// </summary>
public readonly record struct PrometheusSample(string Name, string Line, double Value)
{
    private static readonly Uri MetricsPath = new("/metrics", UriKind.Relative);

    /// <summary>A service's Prometheus text, from its /metrics.</summary>
    public static Task<string> ScrapeAsync(HttpClient service, CancellationToken cancellationToken) =>
        service.GetStringAsync(MetricsPath, cancellationToken);

    /// <summary>Every sample line of a Prometheus text; comments, blank lines and values that are not numbers are skipped.</summary>
    public static IEnumerable<PrometheusSample> Read(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space <= 0
                || !double.TryParse(line.AsSpan(space + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                continue;
            var nameEnd = line.IndexOfAny(['{', ' ']);
            yield return new PrometheusSample(line[..nameEnd], line, value);
        }
    }

    /// <summary>The value of label <paramref name="name"/>; null when the line has none.</summary>
    public string? Label(string name)
    {
        // The label opens the braces or follows a comma: "generation" is not found inside "gc_heap_generation".
        var start = Line.IndexOf("{" + name + "=\"", StringComparison.Ordinal);
        if (start < 0)
            start = Line.IndexOf("," + name + "=\"", StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += name.Length + 3;
        var end = Line.IndexOf('"', start);
        return end < 0 ? null : Line[start..end];
    }
}
