using System.Globalization;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>Command line: --talents N (100000), --rate R events/s (500), --seconds S (20), --quick (2,000 talents, 3 s).</summary>
public sealed record BenchmarkSettings(int Talents, int Rate, int Seconds)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings(100_000, 500, 20);
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--quick" => settings with { Talents = 2_000, Seconds = 3 },
                "--talents" => settings with { Talents = Number(args, ++i) },
                "--rate" => settings with { Rate = Number(args, ++i) },
                "--seconds" => settings with { Seconds = Number(args, ++i) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return settings;
    }

    private static int Number(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException("expected a positive number");
}
