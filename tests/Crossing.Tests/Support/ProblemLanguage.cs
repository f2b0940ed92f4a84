using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Crossing.Tests.Support;

/// <summary>Checks that a module's input problems come in the caller's language, against its problem resource files.</summary>
internal static partial class ProblemLanguage
{
    /// <summary>The problem messages of a 400 answer to <paramref name="path"/>, asked in <paramref name="language"/> (none: no header).</summary>
    public static async Task<string[]> ProblemsAsync(HttpClient api, string path, object? body, string? language, bool withTitle = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
        var root = JsonDocument.Parse(text).RootElement;
        var messages = root.GetProperty("errors").EnumerateObject().SelectMany(f => f.Value.EnumerateArray().Select(m => m.GetString()!));
        return withTitle ? [.. messages, root.GetProperty("title").GetString()!, root.GetProperty("detail").GetString()!] : [.. messages];
    }

    /// <summary>
    /// Asks in English (default) and Korean: English answers hold a resource phrase, Korean ones (messages, title and
    /// detail) hold Hangul and none of them; no answer quotes <paramref name="neverEchoed"/>.
    /// </summary>
    public static async Task AssertBothLanguagesAsync(HttpClient api, string path, object? body, string[] englishPhrases, params string[] neverEchoed)
    {
        var english = await ProblemsAsync(api, path, body, null, withTitle: true);
        Assert.Contains(english, m => englishPhrases.Any(p => m.Contains(p, StringComparison.Ordinal)));
        var korean = await ProblemsAsync(api, path, body, "ko", withTitle: true);
        Assert.All(korean, m => Assert.Matches(@"\p{IsHangulSyllables}", m));
        Assert.All(korean, m => Assert.DoesNotContain(englishPhrases, p => m.Contains(p, StringComparison.Ordinal)));
        foreach (var value in neverEchoed)
            Assert.All(korean.Concat(english), m => Assert.DoesNotContain(value, m, StringComparison.Ordinal));
    }

    public static Dictionary<string, string> Entries(string module, string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Crossing.Core", module, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>The English sentences with their placeholders cut out (field words left aside): pieces a Korean answer must not hold.</summary>
    public static string[] EnglishPhrases(string module, string file) =>
        [.. Entries(module, file).Where(e => !e.Key.Contains(".What.", StringComparison.Ordinal))
            .SelectMany(e => Placeholder().Split(e.Value))
            .Select(p => p.Trim(' ', '.', ':', ';', '(', ')', ',')).Where(p => p.Length >= 8)];

    /// <summary>Every key has Korean text, with the same placeholders as the English.</summary>
    public static void AssertKoreanComplete(string module, string baseName)
    {
        var english = Entries(module, baseName + ".resx");
        var korean = Entries(module, baseName + ".ko.resx");
        Assert.Equal(english.Keys.Order(), korean.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.Equal(Placeholders(text), Placeholders(korean[key]));
            Assert.Matches(@"\p{IsHangulSyllables}", korean[key]);
        }
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order()];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Crossing.Core")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
