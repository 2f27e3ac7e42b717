using MudBlazor;

namespace TalentMesh.BackOffice.Layout;

/// <summary>
/// MudBlazor's default palette with an error red dark enough for text on white (WCAG AA, 4.5:1): the default #F44336
/// reaches 3.7:1, so field violations and error labels failed the accessibility scan (axe color-contrast).
/// </summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight { Error = "#C62828" },
    };
}
