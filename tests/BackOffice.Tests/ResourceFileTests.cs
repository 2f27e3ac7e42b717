using System.Collections;
using System.Globalization;
using System.Resources;
using TalentMesh.BackOffice.Resources;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The two languages stay complete: every Chinese text has its English one and vice versa.</summary>
public sealed class ResourceFileTests
{
    [Fact]
    public void UiText_EveryKey_HasChineseAndEnglishText()
    {
        var resources = new ResourceManager(typeof(UiText).FullName!, typeof(UiText).Assembly);
        var chinese = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        var english = Keys(resources.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false));

        Assert.NotEmpty(chinese);
        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    private static HashSet<string> Keys(ResourceSet? set) =>
        set is null ? [] : set.Cast<DictionaryEntry>().Select(entry => (string)entry.Key).ToHashSet(StringComparer.Ordinal);
}
