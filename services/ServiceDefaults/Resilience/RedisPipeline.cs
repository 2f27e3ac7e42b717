using Polly;
using Polly.Registry;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>The "redis" resilience pipeline, typed so callers cannot pick the wrong one by name.</summary>
public sealed class RedisPipeline(ResiliencePipelineProvider<string> provider)
{
    private readonly ResiliencePipeline pipeline = provider.GetPipeline(RedisResilienceRegistration.PipelineName);

    // StackExchange.Redis commands take no cancellation token, so Polly's timeout could not stop a stalled command;
    // WaitAsync makes every attempt give up when the pipeline's token fires, and the timeout strategy reports it.
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(static async (op, ct) => await op(ct).AsTask().WaitAsync(ct), operation, cancellationToken);

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(static async (op, ct) => await op(ct).AsTask().WaitAsync(ct), operation, cancellationToken);
}
