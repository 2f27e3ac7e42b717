namespace TalentMesh.ServiceDefaults.Tests.Support;

/// <summary>The system clock moved by a fixed offset: mints tokens that were issued (and expired) in the past.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
