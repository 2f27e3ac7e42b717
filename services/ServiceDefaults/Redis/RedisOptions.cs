using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// Every key this service owns starts with this prefix (reg:, eval:, red:); no service reads
    /// another's keys. Tests give each test its own prefix so they never interfere.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9:_.-]{1,64}$")]
    public string KeyPrefix { get; set; } = "";
}
