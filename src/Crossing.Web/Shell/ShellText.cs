using Microsoft.Extensions.Localization;

namespace Crossing.Web.Shell;

/// <summary>The shell's strings (layout, navigation, dashboard frame, errors, API reference): ShellText.resx and ShellText.ko.resx beside this file.</summary>
public sealed class ShellText;

/// <summary>
/// A capability's strings (<typeparamref name="TCapability"/>'s resx beside its marker class), falling back to the
/// shell's for the words every page shares. Pages of a capability get it as <c>L</c> through their _ViewImports.
/// </summary>
public sealed class Text<TCapability>(IStringLocalizerFactory factory) : IStringLocalizer
{
    private readonly IStringLocalizer own = factory.Create(typeof(TCapability));
    private readonly IStringLocalizer shell = factory.Create(typeof(ShellText));

    public LocalizedString this[string name] => Pick(own[name], () => shell[name]);

    public LocalizedString this[string name, params object[] arguments] => Pick(own[name, arguments], () => shell[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        own.GetAllStrings(includeParentCultures).Concat(shell.GetAllStrings(includeParentCultures));

    private static LocalizedString Pick(LocalizedString found, Func<LocalizedString> fallback) => found.ResourceNotFound ? fallback() : found;
}
