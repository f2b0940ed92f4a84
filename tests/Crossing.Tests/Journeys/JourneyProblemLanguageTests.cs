using System.Globalization;
using System.Net;
using Crossing.Core.Journeys;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using static Crossing.Tests.Journeys.JourneyApi;

namespace Crossing.Tests.Journeys;

/// <summary>Input problems of the journeys module are said in the caller's language, on the API and on pages.</summary>
public sealed class JourneyProblemLanguageTests
{
    private static readonly string[] EnglishPhrases = ProblemLanguage.EnglishPhrases("Journeys", "JourneyProblemText.resx");

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
            await ProblemLanguage.AssertBothLanguagesAsync(api, path, body, EnglishPhrases, "<script", "nonsense");

        var outOfOrder = await ProblemLanguage.ProblemsAsync(api, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }, "ko-KR");
        Assert.Contains("구간은 순서대로 체크인합니다. 현재 구간은 1(아직 출발 안 함)입니다.", outOfOrder);
        Assert.Contains("Legs are checked in in order: the current leg is 1 (not yet departed).",
            await ProblemLanguage.ProblemsAsync(api, $"/api/journeys/{journey}/check-ins", new { leg = 2, status = "departed" }, "en"));
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
        ProblemLanguage.AssertKoreanComplete("Journeys", "JourneyProblemText");
        Assert.Equal("Give the compartment.", JourneyProblem.Text.In(CultureInfo.InvariantCulture, "Required", JourneyProblem.What("compartment")));
        Assert.Equal("구획을(를) 입력하세요.", JourneyProblem.Text.In(new CultureInfo("ko"), "Required", JourneyProblem.What("compartment")));
    }
}
