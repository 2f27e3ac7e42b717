using System.Security.Claims;
using MudBlazor;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.BackOffice.Dashboard;
using TalentMesh.BackOffice.TalentCodes;
using TalentMesh.BackOffice.Talents;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Layout;

/// <summary>
/// THE navigation of the console: a role sees exactly the entries of its role (plus the dashboard). A page added to
/// the console gets one line here, <c>[Authorize(Roles = …)]</c> with the same role and <c>@page</c> with the same
/// route (tests/BackOffice.Tests checks all three agree). The services still enforce every permission.
/// </summary>
public static class NavigationTable
{
    public const string AnySignedIn = "*";

    public static readonly IReadOnlyList<NavEntry> Entries =
    [
        new(typeof(DashboardPage), "/", AnySignedIn, "Nav.Dashboard", Icons.Material.Filled.Dashboard),
        new(typeof(PendingCredentialsPage), "/credentials", Roles.Hr, "Nav.PendingCredentials", Icons.Material.Filled.FactCheck),
        new(typeof(TalentLookupPage), "/talents", Roles.Hr, "Nav.TalentAudit", Icons.Material.Filled.History),
        new(typeof(VerifyTalentCodePage), "/talent-codes/verify", Roles.Scanner, "Nav.VerifyTalentCode", Icons.Material.Filled.QrCodeScanner),
        // Policy office (Policies, Redemptions) and administrator (RuleSets) pages: one line each, below.
    ];

    public static IEnumerable<NavEntry> For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Entries.Where(entry => entry.Role == AnySignedIn || user.IsInRole(entry.Role))
            : [];
}
