using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.Redemption.Budgets;

/// <summary>
/// Serialises budget reservations of one policy inside this process. Correctness does not rest on it (every
/// reservation commits only if the usage it read is unchanged); it keeps hundreds of concurrent final approvals of
/// one policy from all reading the same usage and all but one losing the race, over and over.
/// </summary>
public sealed class PolicyLocks : KeyedLocks;
