using System.Globalization;
using Google.Type;

namespace TalentMesh.BackOffice.Policies;

/// <summary>
/// Money as offices read and type it (yuan, at most two decimals) and as the services keep it (whole fen, carried in a
/// <c>google.type.Money</c> whose nanos are a multiple of one fen). Never floating point.
/// </summary>
public static class Yuan
{
    private const int NanosPerFen = 10_000_000;

    /// <summary>Whole fen for an amount in yuan; null when it has a fraction of a fen (or is out of range).</summary>
    public static long? ToFen(decimal yuan)
    {
        var fen = yuan * 100;
        return fen == decimal.Truncate(fen) && Math.Abs(fen) <= long.MaxValue / 2 ? (long)fen : null;
    }

    public static Money Money(long fen) => new() { CurrencyCode = "CNY", Units = fen / 100, Nanos = (int)(fen % 100) * NanosPerFen };

    public static long Fen(Money money) => money.Units * 100 + money.Nanos / NanosPerFen;

    public static decimal? Of(Money? money) => money is null ? null : Fen(money) / 100m;

    /// <summary>"¥1,234.50"; a dash for no amount.</summary>
    public static string Format(Money? money) => money is null ? "—" : Format(Fen(money));

    public static string Format(long fen) => (fen / 100m).ToString("¥#,##0.00", CultureInfo.InvariantCulture);
}
