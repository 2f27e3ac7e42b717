using Google.Protobuf;
using RedemptionStatus = TalentMesh.Contracts.Redemption.V1.RedemptionStatus;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// The outcome of one redemption state change, decided without I/O: the new record, the events it publishes, the
/// budget it reserves or releases, what it does to the talent's holdings, what to schedule and what to tell the talent.
/// The store commits all of it in one unit of work.
/// </summary>
public sealed record Transition(
    RedemptionRecord Before,
    RedemptionRecord After,
    string Action,
    IReadOnlyList<IMessage> Events,
    TalentNotice Notice)
{
    /// <summary>Final approval: takes a place in the count quota and <see cref="ReserveFen"/> of the budget, atomically.</summary>
    public bool ReservesPlace { get; init; }
    public long ReserveFen { get; init; }
    /// <summary>Gives the quota place back, with <see cref="ReleaseFen"/> (the unpaid remainder).</summary>
    public bool ReleasesPlace { get; init; }
    public long ReleaseFen { get; init; }
    public HoldingChange Holdings { get; init; }
    public DateTimeOffset? NoticeEndsAt { get; init; }
    public DateTimeOffset? InstallmentDueAt { get; init; }

    public RedemptionStatus From => Before.Status;
    public RedemptionStatus To => After.Status;
}
