using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Localization;
using TalentMesh.BackOffice.Resources;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.BackOffice.Layout;

/// <summary>How values read on every page: times in UTC (the services' clock), enums through their resource keys.</summary>
public static class Display
{
    public static string Time(Timestamp? timestamp) =>
        timestamp is null ? "—" : timestamp.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Tier(this IStringLocalizer<UiText> text, Tier tier) => text["Tier." + tier];

    /// <summary>An enum value's text: key <c>{Enum type}.{value}</c>, falling back to the value's name.</summary>
    public static string Enum<TEnum>(this IStringLocalizer<UiText> text, TEnum value) where TEnum : struct, System.Enum
    {
        var localized = text[$"{typeof(TEnum).Name}.{value}"];
        return localized.ResourceNotFound ? value.ToString() : localized.Value;
    }
}
