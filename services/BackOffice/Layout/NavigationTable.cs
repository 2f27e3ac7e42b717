using System.Security.Claims;
using MudBlazor;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.BackOffice.Dashboard;
using TalentMesh.BackOffice.Policies;
using TalentMesh.BackOffice.Redemptions;
using TalentMesh.BackOffice.RuleSets;
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
        new(typeof(PolicyCataloguePage), "/policies", Roles.PolicyOfficer, "Nav.Policies", Icons.Material.Filled.Policy),
        new(typeof(RedemptionQueuePage), "/redemptions", Roles.PolicyOfficer, "Nav.Redemptions", Icons.Material.Filled.Approval),
        new(typeof(BudgetsPage), "/budgets", Roles.PolicyOfficer, "Nav.Budgets", Icons.Material.Filled.BarChart),
        new(typeof(RuleSetsPage), "/rule-sets", Roles.Admin, "Nav.RuleSets", Icons.Material.Filled.Rule),
    ];

    public static IEnumerable<NavEntry> For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Entries.Where(entry => entry.Role == AnySignedIn || user.IsInRole(entry.Role))
            : [];
}
