namespace TalentMesh.BackOffice.Resources;

/// <summary>
/// The console's UI text: <c>UiText.resx</c> is Chinese (zh-CN, the default culture), <c>UiText.en.resx</c> English.
/// Inject <c>IStringLocalizer&lt;UiText&gt;</c>; keys are <c>Area.Meaning</c>.
/// </summary>
public sealed class UiText;
