using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Tiers;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Talents;

/// <summary>TalentService: thin gRPC mapping; the decisions live in <see cref="TalentRegistrar"/>.</summary>
public sealed class TalentApi(TalentRegistrar registrar, RedisReader reader, TalentStore talents, TierStore tiers, WatchSignal watchers, TimeProvider time)
    : TalentService.TalentServiceBase
{
    [Authorize(Roles = RoleSets.Applicant)]
    [EnableRateLimiting(RateLimitOptions.Registration)]
    public override async Task<Talent> RegisterTalent(RegisterTalentRequest request, ServerCallContext context)
    {
        var (stored, created) = await registrar.RegisterAsync(Caller.From(context), request, context.CancellationToken);
        // A talent registered just now has no evaluation yet; only a retry answers with the tier projection.
        return created ? TalentView.Of(stored, null) : await ViewAsync(stored, context.CancellationToken);
    }

    [Authorize(Roles = RoleSets.ApplicantHrAdmin)]
    public override async Task<Talent> GetTalent(GetTalentRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        violations.ThrowIfAny();
        Caller.From(context).EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        return await LoadAsync(request.TalentId, context.CancellationToken);
    }

    [Authorize(Roles = RoleSets.Applicant)]
    public override Task<Talent> GetMyTalent(GetMyTalentRequest request, ServerCallContext context) =>
        LoadAsync(Caller.From(context).Subject, context.CancellationToken);

    [Authorize(Roles = RoleSets.Applicant)]
    public override async Task WatchMyTalent(WatchMyTalentRequest request, IServerStreamWriter<Talent> responseStream, ServerCallContext context)
    {
        var talentId = Caller.From(context).Subject;
        var cancellation = context.CancellationToken;
        using var watch = watchers.Open(talentId);
        try
        {
            // Taken before the read that positions the watch: whatever commits after it wakes the loop below.
            var woken = watch.Value.Next();
            var sent = await LoadAsync(talentId, cancellation);
            // Positioned: a change committed after the client received the headers reaches it (as WatchNotifications).
            await context.WriteResponseHeadersAsync([]);
            await responseStream.WriteAsync(sent, cancellation);
            while (await WatchSignal.WaitAsync(woken, time, cancellation))
            {
                woken = watch.Value.Next();
                var current = await LoadAsync(talentId, cancellation);
                if (current.Equals(sent))
                    continue; // woken by a commit that changed nothing the talent sees, or the safety poll
                await responseStream.WriteAsync(current, cancellation);
                sent = current;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    [Authorize(Roles = RoleSets.ApplicantAdmin)]
    public override async Task<Talent> UpdateContact(UpdateContactRequest request, ServerCallContext context)
    {
        var stored = await registrar.UpdateContactAsync(Caller.From(context), request, context.CancellationToken);
        return await ViewAsync(stored, context.CancellationToken);
    }

    /// <summary>
    /// The talent and its tier, read together: one round trip and one pass through the resilience pipeline instead of a
    /// pass each (a watch reads both on every wake-up); the tier read is wasted only on a NOT_FOUND.
    /// </summary>
    private async Task<Talent> LoadAsync(string talentId, CancellationToken cancellationToken)
    {
        var (stored, standing) = await reader.ReadAsync(async db =>
        {
            var talent = talents.ReadAsync(db, talentId);
            var tier = tiers.ReadAsync(db, talentId);
            return (await talent, await tier);
        }, cancellationToken);
        return stored is not null ? TalentView.Of(stored, standing) : throw new NotFoundException("talent", talentId);
    }

    private async Task<Talent> ViewAsync(StoredTalent stored, CancellationToken cancellationToken) =>
        TalentView.Of(stored, await tiers.FindAsync(stored.Talent.TalentId, cancellationToken));
}
