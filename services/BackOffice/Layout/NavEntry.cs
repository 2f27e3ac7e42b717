namespace TalentMesh.BackOffice.Layout;

/// <summary>One page in the navigation: the page component, its route, the role that sees it, its resource key.</summary>
/// <param name="Role">A role of <see cref="TalentMesh.ServiceDefaults.Security.Roles"/>, or <see cref="NavigationTable.AnySignedIn"/>.</param>
/// <param name="TextKey">The key of the link text in <c>Resources/UiText.resx</c>.</param>
/// <param name="Icon">A MudBlazor icon (<c>Icons.Material.Filled.*</c>).</param>
public sealed record NavEntry(Type Page, string Route, string Role, string TextKey, string Icon);
