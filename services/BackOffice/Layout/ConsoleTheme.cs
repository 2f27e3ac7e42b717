using MudBlazor;

namespace TalentMesh.BackOffice.Layout;

/// <summary>
/// MudBlazor's default palette with status colours dark enough for text (WCAG AA, 4.5:1 against white, both ways: white
/// on a filled button, coloured text on an alert). The defaults (#F44336 error, #00C853 success, #FF9800 warning,
/// #2196F3 info) reach 2–3.7:1 and fail the accessibility scan (axe color-contrast).
/// </summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight
        {
            Error = "#C62828",
            Success = "#2E7D32",
            Warning = "#A35200",
            Info = "#1565C0",
        },
    };
}
