using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using Money = Google.Type.Money;
using Date = Google.Type.Date;

namespace TalentMesh.Cli.Connection;

/// <summary>How values read in the terminal: money in yuan, dates ISO, timestamps UTC, enums by their short name.</summary>
public static class Display
{
    public static string Of(Money? money) => money is null || (money.Units == 0 && money.Nanos == 0 && money.CurrencyCode.Length == 0)
        ? "—"
        : (money.CurrencyCode is "CNY" or "" ? "¥" : money.CurrencyCode + " ") +
          (money.Units + money.Nanos / 1_000_000_000m).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Of(Date? date) => date is null || date.Year == 0 ? "—" : $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    public static string Of(Timestamp? time) => time is null ? "—" : time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Of(Tier tier) => tier switch
    {
        Tier.Unspecified => "not evaluated",
        Tier.None => "no tier",
        _ => tier.ToString(),
    };

    public static string Of(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Of(IEnumerable<string> values) => string.Join(", ", values) is { Length: > 0 } joined ? joined : "—";

    /// <summary>An enum the way a user types it back: CredentialType.SocialInsurance → social-insurance.</summary>
    public static string Kebab<T>(T value) where T : struct, System.Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
