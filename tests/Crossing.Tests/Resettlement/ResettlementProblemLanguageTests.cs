using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using static Crossing.Tests.Resettlement.ResettlementApi;

namespace Crossing.Tests.Resettlement;

/// <summary>Input problems of the resettlement module are said in the caller's language, on the API and on pages.</summary>
public sealed class ResettlementProblemLanguageTests
{
    private static readonly string[] EnglishPhrases = ProblemLanguage.EnglishPhrases("Resettlement", "ResettlementProblemText.resx");

    [Fact]
    public async Task Api_says_input_problems_in_Korean_for_Accept_Language_ko_and_in_English_by_default()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var person = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var longPlace = new string('x', 5000);
        (string Path, object? Body)[] bad =
        [
            ($"/api/cases/{person}/relatives", new { fullName = "김순옥", relation = "stranger", birthYear = 1700, lastKnownPlace = longPlace }),
            ($"/api/cases/{person}/consent", new { scope = "everything", until = "someday<b>" }),
            ("/api/programmes", new { kind = "party", title = "x", startsOn = "1 March", endsOn = "2027-01-01", capacity = 0 }),
            ($"/api/cases/{person}/follow-ups/someday/done", null),
            ($"/api/cases/{person}/resettlement/reopen", new { }),
        ];
        foreach (var (path, body) in bad)
            await ProblemLanguage.AssertBothLanguagesAsync(worker, path, body, EnglishPhrases, "stranger", "someday", "party", longPlace[..100]);

        var relation = await ProblemLanguage.ProblemsAsync(worker, $"/api/cases/{person}/relatives", new { fullName = "김순옥", relation = "stranger" }, "ko-KR");
        Assert.Equal("관계는 다음 중 하나입니다: " + string.Join(", ", Relations.All) + ".", Assert.Single(relation));
        var english = await ProblemLanguage.ProblemsAsync(worker, "/api/programmes", new { kind = "summit", title = "Summit", startsOn = "2027-03-01", endsOn = "2027-01-01", capacity = 50 }, null);
        Assert.Equal("The end date is before the start date.", Assert.Single(english));
    }

    [Fact]
    public async Task Registering_for_a_programme_says_what_happened_in_the_callers_language_and_a_hidden_case_gets_the_unknown_404()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (other, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement-south");
        var created = await worker.PostAsJsonAsync("/api/programmes", new { kind = "summit", title = "Summit 2027", startsOn = "2027-03-01", endsOn = "2027-03-03", capacity = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var programme = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        string[] names = ["Han Mi-na", "Kim Mi-ran", "Kang Cheol-su", "Lee Young-hee"];
        var people = new List<string>();
        foreach (var name in names)
            people.Add(await RecordCaseAsync(worker, "resettlement", name, "1990"));
        var theirs = await RecordCaseAsync(other, "resettlement-south", "Oh Sun-ja", "1962");

        async Task<HttpResponseMessage> RegisterAsync(string code, string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programmes/{programme}/registrations") { Content = JsonContent.Create(new { @case = code }) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            return await worker.SendAsync(request);
        }

        async Task<(string Status, int? Position, string Message)> OutcomeAsync(string code, string language)
        {
            using var response = await RegisterAsync(code, language);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            var outcome = JsonDocument.Parse(text).RootElement;
            Assert.Equal(code, outcome.GetProperty("case").GetString());
            var position = outcome.GetProperty("waitingPosition");
            return (outcome.GetProperty("status").GetString()!, position.ValueKind == JsonValueKind.Null ? null : position.GetInt32(), outcome.GetProperty("message").GetString()!);
        }

        var outcomes = new[]
        {
            await OutcomeAsync(people[0], "ko-KR"),
            await OutcomeAsync(people[1], "en"),
            await OutcomeAsync(people[2], "ko"),
            await OutcomeAsync(people[3], "en"),
        };

        Assert.Equal(("registered", (int?)null, $"{people[0]}님을 'Summit 2027' 프로그램에 등록했습니다."), outcomes[0]);
        Assert.Equal(("registered", (int?)null, $"{people[1]} is registered for Summit 2027."), outcomes[1]);
        Assert.Equal(("waiting", (int?)1, $"'Summit 2027' 프로그램은 정원 2명이 모두 찼습니다. {people[2]}님은 대기자 명단 1번이며, 자리가 나면 자동으로 등록됩니다."), outcomes[2]);
        Assert.Equal(("waiting", (int?)2, $"Summit 2027 is full (2 places): {people[3]} is on the waiting list, number 2, and is registered automatically when a place frees up."), outcomes[3]);
        var outcomePhrases = ProblemLanguage.EnglishPhrases("Resettlement", "ProgrammeOutcomeText.resx");
        foreach (var korean in new[] { outcomes[0].Message, outcomes[2].Message })
        {
            Assert.Matches(@"\p{IsHangulSyllables}", korean);
            Assert.DoesNotContain(outcomePhrases, p => korean.Contains(p, StringComparison.Ordinal));
        }
        Assert.All(outcomes, o => Assert.DoesNotContain(names, n => o.Message.Contains(n, StringComparison.Ordinal)));

        // A case of another compartment is registered by nobody here: the one 404 of an unknown code, in either language.
        using var unknown = await RegisterAsync("C-ZZZZ", "en");
        var expected = await unknown.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var (code, language) in new[] { (theirs, "ko"), (theirs, "en"), ("C-ZZZZ", "ko") })
        {
            using var hidden = await RegisterAsync(code, language);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(expected, await hidden.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_api_reference_shows_the_registration_sentence_the_code_says_in_the_readers_language()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        const string English = "Future leaders 2027 is full (12 places): C-7K3Q is on the waiting list, number 1, and is registered automatically when a place frees up.";
        const string Korean = "'Future leaders 2027' 프로그램은 정원 12명이 모두 찼습니다. C-7K3Q님은 대기자 명단 1번이며, 자리가 나면 자동으로 등록됩니다.";

        async Task<JsonElement> ExampleAsync(string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await client.SendAsync(request);
            var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var register = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
                .Single(o => o.Value.TryGetProperty("operationId", out var id) && id.GetString() == "RegisterForProgramme").Value;
            return register.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").Clone();
        }

        var english = await ExampleAsync("en");
        var korean = await ExampleAsync("ko");
        Assert.Equal(("C-7K3Q", "waiting", 1, English),
            (english.GetProperty("case").GetString(), english.GetProperty("status").GetString(), english.GetProperty("waitingPosition").GetInt32(), english.GetProperty("message").GetString()));
        Assert.Equal(Korean, korean.GetProperty("message").GetString());

        using var docs = new HttpRequestMessage(HttpMethod.Get, "/api/docs");
        docs.Headers.AcceptLanguage.ParseAdd("ko");
        using var page = await client.SendAsync(docs);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(Korean, html, StringComparison.Ordinal);
        Assert.DoesNotContain(English, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_page_says_a_refused_service_in_Korean()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var person = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var staff = await web.AddStaffAsync(StaffRole.Resettlement, ["resettlement"]);
        var client = await web.SignedInClientAsync(staff);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        var path = $"/resettlement/{person}";
        var refused = await WebFactory.PostFormAsync(client, path + "?handler=Service",
            new Dictionary<string, string> { ["Service.Kind"] = "party", ["Service.Status"] = "active", ["Service.StartedOn"] = "someday" }, formPage: path);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishPhrases, p => html.Contains(p, StringComparison.Ordinal));
        Assert.Contains("서비스를 고르세요", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_has_Korean_text_with_the_same_placeholders()
    {
        ProblemLanguage.AssertKoreanComplete("Resettlement", "ResettlementProblemText");
        ProblemLanguage.AssertKoreanComplete("Resettlement", "ProgrammeOutcomeText");
        Assert.Equal("The kind of service is one of: a, b.", ResettlementProblem.Text.In(CultureInfo.InvariantCulture, "OneOf", ResettlementProblem.What("serviceKind"), "a, b"));
        Assert.Equal("서비스 종류은(는) 다음 중 하나입니다: a, b.", ResettlementProblem.Text.In(new CultureInfo("ko"), "OneOf", ResettlementProblem.What("serviceKind"), "a, b"));
    }
}
