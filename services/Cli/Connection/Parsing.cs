using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Google.Protobuf;
using TalentMesh.Contracts.Common.V1;
using Date = Google.Type.Date;
using Money = Google.Type.Money;

namespace TalentMesh.Cli.Connection;

/// <summary>Option values as the contracts want them: enums by short name, ISO dates, yuan amounts, proto JSON.</summary>
public static class Parsing
{
    /// <summary>An option of a proto enum, typed the way <see cref="Display.Kebab{T}"/> prints it (case and dashes ignored).</summary>
    public static Option<T> EnumOption<T>(string name, string description) where T : struct, System.Enum => new(name)
    {
        Description = $"{description}: {string.Join(", ", Values<T>())}",
        CustomParser = result => ParseEnum<T>(result),
    };

    public static Option<T[]> EnumListOption<T>(string name, string description) where T : struct, System.Enum => new(name)
    {
        Description = $"{description} (comma-separated): {string.Join(", ", Values<T>())}",
        CustomParser = result => result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(value => ParseEnum<T>(result, value)).ToArray(),
    };

    public static T ParseEnum<T>(string value) where T : struct, System.Enum =>
        TryParseEnum<T>(value, out var parsed) ? parsed : throw new CliException($"'{value}' is not one of {string.Join(", ", Values<T>())}");

    public static Date ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new Date { Year = date.Year, Month = date.Month, Day = date.Day }
            : throw new CliException($"'{value}' is not a date (yyyy-MM-dd)");

    /// <summary>Yuan, e.g. "20000" or "1234.56", as CNY Money.</summary>
    public static Money Yuan(decimal amount) => new()
    {
        CurrencyCode = "CNY",
        Units = (long)decimal.Truncate(amount),
        Nanos = (int)((amount - decimal.Truncate(amount)) * 1_000_000_000m),
    };

    /// <summary>A message from proto JSON text, or from a file when the value starts with '@'.</summary>
    public static T Json<T>(string value) where T : IMessage<T>, new()
    {
        var text = value.StartsWith('@') ? File.ReadAllText(value[1..]) : value;
        try
        {
            return JsonParser.Default.Parse<T>(text);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new CliException($"not a valid {typeof(T).Name} in proto JSON: {error.Message}");
        }
        catch (InvalidJsonException error)
        {
            throw new CliException($"not valid JSON: {error.Message}");
        }
    }

    public static IEnumerable<string> Values<T>() where T : struct, System.Enum =>
        Enum.GetValues<T>().Where(value => Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0).Select(Display.Kebab);

    private static T ParseEnum<T>(ArgumentResult result, string? value = null) where T : struct, System.Enum
    {
        value ??= result.Tokens.Single().Value;
        if (TryParseEnum<T>(value, out var parsed))
            return parsed;
        result.AddError($"'{value}' is not one of {string.Join(", ", Values<T>())}");
        return default;
    }

    private static bool TryParseEnum<T>(string value, out T parsed) where T : struct, System.Enum
    {
        var normalized = value.Replace("-", "").Replace("_", "");
        return Enum.TryParse(normalized, ignoreCase: true, out parsed) && Convert.ToInt32(parsed, CultureInfo.InvariantCulture) != 0
            && Enum.IsDefined(parsed) && !int.TryParse(normalized, out _);
    }

    /// <summary>Evidence for a submission: the SHA-256 of a file (media type from its extension).</summary>
    public static TalentMesh.Contracts.Registration.V1.Evidence EvidenceFromFile(string path)
    {
        if (!File.Exists(path))
            throw new CliException($"evidence file '{path}' does not exist");
        var bytes = File.ReadAllBytes(path);
        return new()
        {
            ContentHash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            MediaType = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".pdf" => "application/pdf",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".png" => "image/png",
                _ => "application/octet-stream",
            },
            SizeBytes = bytes.LongLength,
            Description = Path.GetFileName(path),
        };
    }

    /// <summary>For scripts and the demo: evidence named by the hash of a description (the file lives elsewhere).</summary>
    public static TalentMesh.Contracts.Registration.V1.Evidence EvidenceFromText(string description) => new()
    {
        ContentHash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description))),
        MediaType = "application/pdf",
        SizeBytes = 100_000,
        Description = description,
    };

    internal static Tier[] AllTiers => [Tier.A, Tier.B, Tier.C, Tier.D, Tier.E];
}
