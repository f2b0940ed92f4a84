using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using static Crossing.Tests.Journeys.JourneyApi;

namespace Crossing.Tests.Journeys;

/// <summary>Input problems of the journeys module are said in the caller's language, on the API and on pages.</summary>
public sealed class JourneyProblemLanguageTests
{
    private static readonly string[] EnglishPhrases = EnglishResourcePhrases();

    [Fact]
    public async Task Api_says_input_problems_in_Korean_for_Accept_Language_ko_and_in_English_by_default()
    {
        await using var web = await WebFactory.CreateAsync();
        var api = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, _, _) = await RouteAsync(api, "east", legs: 2);
        var window = await WindowAsync(api, route);
        var (group, _) = await GroupAsync(api, "east", people: 1);
        var journey = await CreateAsync(api, "/api/journeys", new { route, window, groups = new[] { group } });
        (string Path, object Body)[] bad =
        [
            ("/api/routes", new { compartment = "east", name = "", legs = Array.Empty<object>() }),
            ($"/api/routes/{route}/windows", new { date = "tomorrow<script>", capacity = 0, currency = "CNY" }),
            ("/api/journeys", new { route = "nonsense", window, groups = Array.Empty<string>() }),
            ($"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }),
            ($"/api/journeys/{journey}/costs", new { leg = 1, amount = -5m }),
        ];
        foreach (var (path, body) in bad)
        {
            var english = await ProblemsAsync(api, path, body, null);
            Assert.Contains(english, m => EnglishPhrases.Any(p => m.Contains(p, StringComparison.Ordinal)));
            var korean = await ProblemsAsync(api, path, body, "ko");
            Assert.All(korean, m => Assert.Matches(@"\p{IsHangulSyllables}", m));
            Assert.All(korean, m => Assert.DoesNotContain(EnglishPhrases, p => m.Contains(p, StringComparison.Ordinal)));
            Assert.All(korean.Concat(english), m => Assert.DoesNotContain("<script", m, StringComparison.Ordinal));
        }

        var outOfOrder = await ProblemsAsync(api, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }, "ko-KR");
        Assert.Contains("구간은 순서대로 체크인합니다. 현재 구간은 1(아직 출발 안 함)입니다.", outOfOrder);
        Assert.Contains("Legs are checked in in order: the current leg is 1 (not yet departed).",
            await ProblemsAsync(api, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }, "en"));
    }

    [Fact]
    public async Task Today_page_says_a_refused_check_in_in_Korean()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var api = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var (route, _, _) = await RouteAsync(api, "east", legs: 2);
        var window = await WindowAsync(api, route);
        var (group, _) = await GroupAsync(api, "east", people: 1);
        var journey = await CreateAsync(api, "/api/journeys", new { route, window, groups = new[] { group } });

        var client = await web.SignedInClientAsync(staff);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var refused = await WebFactory.PostFormAsync(client, "/journeys/today?handler=CheckIn",
            new Dictionary<string, string> { ["code"] = journey, ["leg"] = "2", ["status"] = "departed" }, "/journeys/today");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("구간은 순서대로 체크인합니다", html, StringComparison.Ordinal);
        Assert.DoesNotContain("in order", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_has_Korean_text_with_the_same_placeholders()
    {
        var english = Entries("JourneyProblemText.resx");
        var korean = Entries("JourneyProblemText.ko.resx");
        Assert.Equal(english.Keys.Order(), korean.Keys.Order());
        foreach (var (key, text) in english)
            Assert.Equal(Placeholders(text), Placeholders(korean[key]));
        Assert.Equal("Give the compartment.", JourneyProblem.Text.In(CultureInfo.InvariantCulture, "Required", JourneyProblem.What("compartment")));
        Assert.Equal("구획을(를) 입력하세요.", JourneyProblem.Text.In(new CultureInfo("ko"), "Required", JourneyProblem.What("compartment")));
    }

    private static async Task<string[]> ProblemsAsync(HttpClient api, string path, object body, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().SelectMany(f => f.Value.EnumerateArray().Select(m => m.GetString()!))];
    }

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Crossing.Core", "Journeys", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>The English sentences with their placeholders cut out: the pieces a Korean answer must not hold.</summary>
    private static string[] EnglishResourcePhrases() =>
        [.. Entries("JourneyProblemText.resx").Where(e => !e.Key.Contains(".What.", StringComparison.Ordinal))
            .SelectMany(e => System.Text.RegularExpressions.Regex.Split(e.Value, @"\{\d\}"))
            .Select(p => p.Trim(' ', '.', ':', ';', '(', ')')).Where(p => p.Length >= 8)];

    private static string[] Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Distinct().Order()];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crossing.slnx")) && !Directory.Exists(Path.Combine(dir.FullName, ".git")) && !File.Exists(Path.Combine(dir.FullName, ".git")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
