using System.ComponentModel.DataAnnotations;

namespace TalentMesh.BackOffice.Hosting;

/// <summary>Console behaviour (section <c>BackOffice:Dashboard</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "BackOffice:Dashboard";

    /// <summary>How often live counts (the HR queue, dashboard cards) are refreshed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
