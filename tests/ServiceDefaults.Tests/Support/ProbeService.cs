using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;

namespace TalentMesh.ServiceDefaults.Tests.Support;

/// <summary>A minimal service written the way real services are: no status codes built by hand.</summary>
public sealed class ProbeService(IConnectionMultiplexer redis, RedisKeyspace keyspace, RedisPipeline pipeline) : Probe.ProbeBase
{
    public override async Task<TouchReply> Touch(TouchRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Key))
            throw new ValidationFailedException([new FieldViolation("key", "must not be empty")]);
        var key = keyspace.Key("touch", request.Key);
        var count = await pipeline.ExecuteAsync(
            async _ => await redis.GetDatabase().StringIncrementAsync(key), context.CancellationToken);
        return new TouchReply { Count = count, Caller = context.GetHttpContext().User.Identity?.Name ?? "" };
    }

    public override Task<ValidateReply> Validate(ValidateRequest request, ServerCallContext context) =>
        throw new ValidationFailedException(
        [
            new FieldViolation("name", "must not be empty"),
            new FieldViolation("age", "must be between 0 and 150"),
        ]);

    [Authorize(Policy = Roles.Admin)]
    public override Task<AdminOnlyReply> AdminOnly(AdminOnlyRequest request, ServerCallContext context) =>
        Task.FromResult(new AdminOnlyReply { Subject = context.GetHttpContext().User.Identity?.Name ?? "" });

    public override Task<ExplodeReply> Explode(ExplodeRequest request, ServerCallContext context) =>
        throw new InvalidOperationException($"Something internal broke: {request.Secret}");
}
