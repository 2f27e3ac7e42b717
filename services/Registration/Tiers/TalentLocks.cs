using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.Registration.Tiers;

/// <summary>
/// Runs one talent's <c>talent.evaluated</c> handlers one at a time inside this process. Correctness does not rest on
/// it (the tier is saved only if the sequence read is unchanged); a talent's evaluations at registration and at
/// verification arrive tens of milliseconds apart, and handled side by side one of them lost the race and ran again,
/// exception and reads included, in about one workflow of a hundred under load.
/// </summary>
public sealed class TalentLocks : KeyedLocks;
