namespace TalentMesh.Redemption.Budgets;

/// <summary>
/// Money inside the service is an integer number of fen (分, 0.01 CNY): no floating point anywhere. This converts
/// to and from google.type.Money at the API edge.
/// </summary>
public static class Fen
{
    public const string Currency = "CNY";
    private const int NanosPerFen = 10_000_000;
    private const long FenPerYuan = 100;

    /// <summary>Null when valid; otherwise what is wrong (wrong currency, negative, fraction of a fen, mixed signs, overflow).</summary>
    public static string? Problem(Google.Type.Money money)
    {
        if (money.CurrencyCode != Currency)
            return $"currency_code must be \"{Currency}\"";
        if (money.Units < 0 || money.Nanos < 0)
            return "must not be negative";
        if (money.Nanos >= 1_000_000_000)
            return "nanos must be below 1,000,000,000";
        if (money.Nanos % NanosPerFen != 0)
            return "must be a whole number of fen (0.01 CNY)";
        if (money.Units > long.MaxValue / FenPerYuan / 1_000)
            return "is too large";
        return null;
    }

    /// <summary>The amount in fen; call only on a valid amount (see <see cref="Problem"/>).</summary>
    public static long From(Google.Type.Money money) => money.Units * FenPerYuan + money.Nanos / NanosPerFen;

    public static Google.Type.Money ToMoney(long fen) =>
        new() { CurrencyCode = Currency, Units = fen / FenPerYuan, Nanos = (int)(fen % FenPerYuan) * NanosPerFen };
}
