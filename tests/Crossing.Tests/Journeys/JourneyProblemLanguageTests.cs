using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
    public async Task A_cost_the_rescue_fund_cannot_cover_is_a_409_said_in_the_callers_language_with_the_same_fields()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var west = await ClientAsync(web, StaffRole.FieldManager, "west");
        var (route, _, _) = await RouteAsync(east, "east", legs: 1);
        var window = await WindowAsync(east, route);
        var (group, people) = await GroupAsync(east, "east", people: 2);
        var journey = await CreateAsync(east, "/api/journeys", new { route, window, groups = new[] { group } });
        await web.InScopeAsync(sp => RescueFund.GiveAsync(sp, "CNY", 100000));
        var tooMuch = new { leg = 1, amount = 1200.50m, currency = "CNY" };

        async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(tooMuch) };
            if (language is not null)
                request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        var (koStatus, korean) = await PostAsync(east, $"/api/journeys/{journey}/costs", "ko");
        var (enStatus, english) = await PostAsync(east, $"/api/journeys/{journey}/costs", "en");
        var (_, byDefault) = await PostAsync(east, $"/api/journeys/{journey}/costs", null);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (koStatus, enStatus));

        Assert.Equal("The rescue fund is too low", (string?)english["title"]);
        Assert.Equal("The restricted fund 'rescue' holds 1,000.00 CNY; this cost of 1,200.50 CNY is 200.50 CNY more. Nothing was recorded: ask finance to add CNY to 'rescue', then record the cost again.",
            (string?)english["detail"]);
        Assert.Equal((string?)english["detail"], (string?)byDefault["detail"]);
        Assert.Equal("'rescue' 기금이 부족합니다", (string?)korean["title"]);
        var koreanDetail = (string)korean["detail"]!;
        Assert.Equal("지정 기금 'rescue'의 잔액은 1,000.00 CNY이고, 이 비용 1,200.50 CNY은(는) 잔액보다 200.50 CNY 많습니다. 아무것도 기록하지 않았습니다. "
            + "재무 담당자에게 'rescue' 기금에 CNY 자금을 채워 달라고 요청한 뒤 비용을 다시 기록하세요.", koreanDetail);
        foreach (var said in new[] { (string)korean["title"]!, koreanDetail })
        {
            Assert.Matches(@"\p{IsHangulSyllables}", said);
            Assert.DoesNotContain(EnglishPhrases, p => said.Contains(p, StringComparison.Ordinal));
        }
        // Only the words change: the fields are a contract, and nothing says who travels.
        string[] neverSaid = [journey, group, route, window, "김영희", "김철수", .. people];
        Assert.Equal(english.Select(p => p.Key), korean.Select(p => p.Key));
        foreach (var body in new[] { korean, english })
        {
            Assert.Equal(("rescue", "CNY", 1000.00m, 200.50m, 409), ((string?)body["fund"], (string?)body["currency"], (decimal)body["held"]!, (decimal)body["shortfall"]!, (int)body["status"]!));
            Assert.Subset(body.Select(p => p.Key).ToHashSet(), new HashSet<string> { "type", "title", "status", "detail", "fund", "currency", "held", "shortfall" });
            var values = string.Join("\n", body.Select(p => p.Value?.ToString()));
            Assert.DoesNotContain(neverSaid, v => values.Contains(v, StringComparison.Ordinal));
        }

        // The same cost on a journey of another compartment is the one 404 of an unknown code, in either language.
        using var unknown = await west.PostAsJsonAsync("/api/journeys/J-ZZZZ/costs", tooMuch);
        var expected = await unknown.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var language in new[] { "ko", "en" })
        {
            foreach (var path in new[] { $"/api/journeys/{journey}/costs", "/api/journeys/J-ZZZZ/costs" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(tooMuch) };
                request.Headers.AcceptLanguage.ParseAdd(language);
                using var response = await west.SendAsync(request);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
            }
        }
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
