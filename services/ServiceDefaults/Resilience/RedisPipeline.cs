using Polly;
using Polly.Registry;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>The "redis" resilience pipeline, typed so callers cannot pick the wrong one by name.</summary>
public sealed class RedisPipeline(ResiliencePipelineProvider<string> provider)
{
    private readonly ResiliencePipeline pipeline = provider.GetPipeline(RedisResilienceRegistration.PipelineName);

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(operation, cancellationToken);

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(operation, cancellationToken);
}
