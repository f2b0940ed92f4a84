using System.Globalization;
using System.Resources;

namespace Crossing.Core;

/// <summary>
/// A module's input problems in the reader's language: each problem is a key in an English resource file and its
/// Korean twin (<c>.ko.resx</c>), said in <see cref="CultureInfo.CurrentUICulture"/>, which the web host sets per
/// request from the language switch's cookie or Accept-Language. Arguments are codes, numbers and slugs the module
/// already checked, or a <see cref="Word"/> (a key of the same file, said in the same language); never a value typed.
/// </summary>
public sealed class ProblemText(string baseName, string prefix)
{
    private readonly ResourceManager strings = new(baseName, typeof(ProblemText).Assembly);

    /// <summary>A noun or phrase from the same resource file, put into a sentence in the sentence's language.</summary>
    public sealed record Word(string Key);

    public string this[string key, params object[] arguments] => In(CultureInfo.CurrentUICulture, key, arguments);

    public string In(CultureInfo culture, string key, params object[] arguments)
    {
        var template = strings.GetString(prefix + key, culture) ?? throw new ArgumentException("No such problem.", nameof(key));
        return arguments.Length == 0
            ? template
            : string.Format(culture, template, [.. arguments.Select(a => a is Word w ? In(culture, w.Key) : a)]);
    }
}
