using Polly;
using Polly.Registry;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// The "redis" resilience pipeline, typed so callers cannot pick the wrong one by name. Every Redis call a request
/// waits on goes through it: reads with <see cref="ExecuteAsync{T}"/>, writes whose repetition could apply twice with
/// <see cref="ExecuteOnceAsync{T}"/> — both under the one circuit breaker.
/// </summary>
public sealed class RedisPipeline
{
    /// <summary>Set on a call's context when its operation must not be retried (see <see cref="ExecuteOnceAsync{T}"/>).</summary>
    internal static readonly ResiliencePropertyKey<bool> NotRetried = new("talentmesh.redis.not-retried");

    /// <summary>Set on a call's context when it reads a page of many keys (see <see cref="ExecuteBulkAsync{T}"/>).</summary>
    internal static readonly ResiliencePropertyKey<bool> Bulk = new("talentmesh.redis.bulk");

    /// <remarks>
    /// Typed to <c>object?</c>, and every operation's result passes through it as <c>object?</c>: a reactive strategy
    /// (retry, breaker) in an untyped pipeline, or called with another result type, runs behind Polly's bridge, which
    /// converts each outcome to <c>object</c> and back in an extra async step per strategy. Boxing the one result instead
    /// took ~0.9 KB of allocation off every pass (docs/benchmarks.md, "Session 19").
    /// </remarks>
    private readonly ResiliencePipeline<object?> pipeline;

    /// <summary>The registered "redis" pipeline (with Polly's telemetry and the service's TimeProvider).</summary>
    public RedisPipeline(ResiliencePipelineProvider<string> provider) =>
        pipeline = provider.GetPipeline<object?>(RedisResilienceRegistration.PipelineName);

    private RedisPipeline(ResiliencePipeline<object?> pipeline) => this.pipeline = pipeline;

    /// <summary>The same pipeline outside a host (tests and benchmarks that use a store on its own).</summary>
    public static RedisPipeline Create(RedisResilienceOptions options, TimeProvider? timeProvider = null, RedisLiveness? liveness = null) =>
        new(RedisResilienceRegistration.Configure(new ResiliencePipelineBuilder<object?> { TimeProvider = timeProvider ?? TimeProvider.System }, options, liveness).Build());

    // StackExchange.Redis commands take no cancellation token, so Polly's timeouts could not stop a stalled command;
    // WaitAsync makes every attempt give up when the attempt's token fires, and the timeout strategy reports it.
    public async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken) =>
        (T)(await pipeline.ExecuteAsync(static async (op, ct) => (object?)await op(ct).AsTask().WaitAsync(ct), operation, cancellationToken))!;

    public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(static async (op, ct) =>
        {
            await op(ct).AsTask().WaitAsync(ct);
            return (object?)null;
        }, operation, cancellationToken);

    /// <summary>
    /// A read of a page of many keys (a rule-set preview or rollout reads a thousand talents at a time): the same
    /// retries and breaker, but bounded by <see cref="RedisResilienceOptions.BulkTimeout"/> instead of the attempt and
    /// total timeouts, which are sized for one request's few keys — on a busy host such a page rightly takes longer.
    /// </summary>
    public ValueTask<T> ExecuteBulkAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken) =>
        ExecuteMarkedAsync(Bulk, ct => operation(ct).AsTask(), cancellationToken);

    /// <summary>
    /// One attempt only, for a write that may have landed although its reply never came (a unit of work's commit):
    /// bounded by the attempt timeout, refused at once while the circuit is open, and counted by the breaker like any
    /// other attempt — but never repeated by the pipeline.
    /// </summary>
    public ValueTask<T> ExecuteOnceAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        ExecuteMarkedAsync(NotRetried, operation, cancellationToken);

    /// <summary>Runs <paramref name="operation"/> with <paramref name="mark"/> set on its context, which the strategies read.</summary>
    private async ValueTask<T> ExecuteMarkedAsync<T>(ResiliencePropertyKey<bool> mark, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(mark, true);
        try
        {
            return (T)(await pipeline.ExecuteAsync(static async (ctx, op) => (object?)await op(ctx.CancellationToken).WaitAsync(ctx.CancellationToken),
                context, operation))!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
