using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.Deployment.Tests;

/// <summary>What a deployed service writes to its log, judged by the service's real Program with a rendered pod's configuration.</summary>
public class LoggingTests
{
    /// <summary>
    /// Polly logs every call through a pipeline with a retry at Information ("Resilience pipeline executed": it counts
    /// even a successful attempt's report as an event), and every Redis call goes through one — a line per call, ~40 per
    /// talent's workflow. Its warnings (the circuit opening, half-opening, closing) must still reach the log.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Services_LogPollyFromWarningUp_NotEveryRedisCall(string overlay)
    {
        var chatty = new List<string>();
        foreach (var deployment in Manifests.Render(overlay).AllDeployments)
        {
            var service = StartedService.Start(overlay, deployment.Name());
            if (service.AppId == Overlays.Console)
                continue;
            var polly = service.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RedisResilienceRegistration.PollyCategory);
            var (information, warning) = (polly.IsEnabled(LogLevel.Information), polly.IsEnabled(LogLevel.Warning));
            if (information || !warning)
                chatty.Add($"{service.AppId}: Polly's Information logged: {information}, its Warning: {warning}");
        }

        Assert.Empty(chatty);
    }
}
