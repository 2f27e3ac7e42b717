using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.Redemption.Talents;

/// <summary>
/// Runs one talent's <c>talent.evaluated</c> handlers one at a time inside this process. Correctness does not rest on
/// it (the projection commits only if the sequence it read is unchanged); a talent's evaluations at registration and
/// at verification arrive tens of milliseconds apart, and handled side by side one of them lost the race and ran again
/// in two workflows out of three under load.
/// </summary>
public sealed class TalentLocks : KeyedLocks;
