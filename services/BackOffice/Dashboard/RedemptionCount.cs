namespace TalentMesh.BackOffice.Dashboard;

/// <summary>
/// A count read page by page (ListRedemptions has no total): exact up to <see cref="Cap"/>, "N+" beyond it.
/// </summary>
public readonly record struct RedemptionCount(int Counted, bool Capped)
{
    public const int PageSize = 100;

    public const int Cap = 500;

    public override string ToString() => Capped ? $"{Counted}+" : Counted.ToString(System.Globalization.CultureInfo.CurrentCulture);
}
