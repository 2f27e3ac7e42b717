using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Budgets;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Policies;

/// <summary>
/// Policies in Redis: policy:{id} (hash: data = the Policy message, rev = revision for optimistic concurrency),
/// the catalogue index "policies" (by creation time), the set of published ones, and policy-usage:{id}
/// (committed fen and approved count, changed only by reservations and releases).
/// </summary>
public sealed class PolicyStore(RedisReader reader, RedisKeyspace keyspace)
{
    public RedisKey PolicyKey(string id) => keyspace.Key("policy", id);
    public RedisKey UsageKey(string id) => keyspace.Key("policy-usage", id);
    private RedisKey Catalogue => keyspace.Key("policies");
    private RedisKey Published => keyspace.Key("policies-published");

    public sealed record Stored(Policy Policy, long Revision);

    // A published policy's content never changes (only its status may move on to closed), so review steps, which do
    // not care about the status, and the published list, which reads the status from the set, take it from memory after
    // the first time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Policy> published = new(StringComparer.Ordinal);

    /// <summary>The policy's terms for deciding a review step of a running redemption (any status after publication).</summary>
    public async Task<Policy?> TermsAsync(string id, CancellationToken cancellationToken)
    {
        if (published.TryGetValue(id, out var cached))
            return cached;
        var stored = await LoadAsync(id, cancellationToken);
        if (stored is not null)
            RememberTerms(stored.Policy);
        return stored?.Policy;
    }

    /// <summary>Keeps a policy's terms in memory once it is no longer a draft (from then on they never change).</summary>
    private void RememberTerms(Policy policy)
    {
        if (policy.Status != PolicyStatus.Draft)
            published.TryAdd(policy.PolicyId, policy);
    }

    // The policy as last seen (any status after publication) with its revision, for Redeem. A commit that decided on
    // it requires that revision (RequireRevision), so a policy closed meanwhile — here or by another replica — makes
    // the commit fail, and the caller reads it again (RefreshAsync) instead of trusting the copy.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Stored> current = new(StringComparer.Ordinal);

    /// <summary>The policy as this replica last saw it (from memory once published), or null if it does not exist.</summary>
    public async Task<Stored?> CurrentAsync(string id, CancellationToken cancellationToken) =>
        current.TryGetValue(id, out var seen) ? seen : await RefreshAsync(id, cancellationToken);

    /// <summary>Reads the policy from Redis and remembers it if it is no longer a draft.</summary>
    public async Task<Stored?> RefreshAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(id, cancellationToken);
        if (stored is { Policy.Status: not PolicyStatus.Draft })
            current[id] = stored;
        else
            current.TryRemove(id, out _);
        return stored;
    }

    /// <summary>Forgets the remembered copy after this replica wrote the policy.</summary>
    public void Forget(string id) => current.TryRemove(id, out _);

    /// <summary>Commit only if the policy is still at <paramref name="revision"/> (the one a decision was made on).</summary>
    public void RequireRevision(EventUnitOfWork unit, string id, long revision) => unit.RequireHashEqual(PolicyKey(id), "rev", revision);

    public async Task<Stored?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var fields = await reader.ReadAsync(db => db.HashGetAsync(PolicyKey(id), ["data", "rev"]), cancellationToken);
        return fields[0].IsNull ? null : new Stored(Policy.Parser.ParseFrom((byte[])fields[0]!), (long)fields[1]);
    }

    public async Task<BudgetUsage> LoadUsageAsync(string id, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadUsageAsync(db, id), cancellationToken);

    /// <summary>The usage read on <paramref name="db"/> (a batch of reads sent together, inside the caller's resilience pipeline).</summary>
    public async Task<BudgetUsage> ReadUsageAsync(IDatabaseAsync db, string id)
    {
        var fields = await db.HashGetAsync(UsageKey(id), ["committed", "approved"]);
        return new BudgetUsage(fields[0].IsNull ? 0 : (long)fields[0], fields[1].IsNull ? 0 : (int)fields[1]);
    }

    /// <summary>The policy with its live usage figures filled in, as the API shows it.</summary>
    public async Task<Policy> WithUsageAsync(Policy policy, CancellationToken cancellationToken)
    {
        var usage = await LoadUsageAsync(policy.PolicyId, cancellationToken);
        var shown = policy.Clone();
        shown.BudgetCommitted = Fen.ToMoney(usage.CommittedFen);
        shown.ApprovedCount = usage.Approved;
        return shown;
    }

    /// <summary>Writes the policy if its revision is still <paramref name="expectedRevision"/> (0 = it must be new).</summary>
    public void Write(EventUnitOfWork unit, Policy policy, long expectedRevision)
    {
        var key = PolicyKey(policy.PolicyId);
        unit.RequireHashEqual(key, "rev", expectedRevision == 0 ? RedisValue.Null : expectedRevision);
        unit.HashSet(key, new HashEntry("data", policy.ToByteArray()), new HashEntry("rev", expectedRevision + 1));
        if (expectedRevision == 0)
            unit.SortedSetAdd(Catalogue, policy.PolicyId, policy.CreatedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        if (policy.Status == PolicyStatus.Published)
        {
            unit.SetAdd(Published, policy.PolicyId);
            unit.HashSet(UsageKey(policy.PolicyId), new HashEntry("committed", 0), new HashEntry("approved", 0));
        }
        else
            unit.SetRemove(Published, policy.PolicyId);
    }

    /// <summary>Reserves <paramref name="fen"/> and one approval, only if usage is still <paramref name="seen"/>.</summary>
    public void Reserve(EventUnitOfWork unit, string policyId, BudgetUsage seen, long fen)
    {
        var key = UsageKey(policyId);
        unit.RequireHashEqual(key, "committed", seen.CommittedFen);
        unit.RequireHashEqual(key, "approved", seen.Approved);
        unit.HashSet(key, new HashEntry("committed", seen.CommittedFen + fen), new HashEntry("approved", seen.Approved + 1));
    }

    /// <summary>Gives back unpaid money and the approval's place in the quota (void, payment failed for good).</summary>
    public void Release(EventUnitOfWork unit, string policyId, long fen)
    {
        if (fen > 0)
            unit.HashIncrement(UsageKey(policyId), "committed", -fen);
        unit.HashIncrement(UsageKey(policyId), "approved", -1);
    }

    /// <summary>
    /// The published policies: the membership is read every time (publishing and closing change it in the same commit as
    /// the status), their content comes from memory once seen, since a published policy's terms never change. One round
    /// trip instead of two in a row, on the way from a new tier to the talent hearing of its benefits.
    /// </summary>
    public async Task<IReadOnlyList<Policy>> PublishedAsync(CancellationToken cancellationToken) =>
        await PublishedAsync(await reader.ReadAsync(ReadPublishedIdsAsync, cancellationToken), cancellationToken);

    /// <summary>The published policies' ids read on <paramref name="db"/> (reads sent together, inside the caller's pass).</summary>
    public Task<RedisValue[]> ReadPublishedIdsAsync(IDatabaseAsync db) => db.SetMembersAsync(Published);

    /// <summary>The published policies of <paramref name="ids"/> (see <see cref="ReadPublishedIdsAsync"/>): from memory once seen, read otherwise.</summary>
    public async Task<IReadOnlyList<Policy>> PublishedAsync(RedisValue[] ids, CancellationToken cancellationToken)
    {
        var policies = new List<Policy>(ids.Length);
        List<string>? unseen = null;
        foreach (var value in ids)
        {
            var id = value.ToString();
            if (published.TryGetValue(id, out var seen))
                policies.Add(seen);
            else
                (unseen ??= []).Add(id);
        }
        if (unseen is not null)
        {
            foreach (var loaded in await LoadManyAsync(unseen, cancellationToken))
            {
                RememberTerms(loaded);
                policies.Add(loaded);
            }
        }
        return [.. policies.Where(p => p.Status == PolicyStatus.Published).OrderBy(p => p.PolicyId, StringComparer.Ordinal)];
    }

    /// <summary>A page of the catalogue, oldest first, starting at <paramref name="offset"/>; also returns where the next page starts.</summary>
    public async Task<(IReadOnlyList<Policy> Page, long Next)> ListAsync(long offset, int size, Func<Policy, bool> filter, CancellationToken cancellationToken)
    {
        var page = new List<Policy>();
        while (page.Count < size)
        {
            var ids = await reader.ReadAsync(db => db.SortedSetRangeByRankAsync(Catalogue, offset, offset + 199), cancellationToken);
            if (ids.Length == 0)
                return (page, 0);
            var loaded = await LoadManyAsync(ids.Select(i => i.ToString()), cancellationToken);
            for (var i = 0; i < loaded.Count; i++)
            {
                offset++;
                if (!filter(loaded[i]))
                    continue;
                page.Add(loaded[i]);
                if (page.Count == size)
                    return (page, offset);
            }
        }
        return (page, offset);
    }

    private async Task<IReadOnlyList<Policy>> LoadManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var values = await reader.ReadAsync(db => Task.WhenAll(list.Select(id => db.HashGetAsync(PolicyKey(id), "data"))), cancellationToken);
        return [.. values.Where(v => !v.IsNull).Select(v => Policy.Parser.ParseFrom((byte[])v!))];
    }
}
