using System.Globalization;
using System.Net;
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
        Assert.Equal("The kind of service is one of: a, b.", ResettlementProblem.Text.In(CultureInfo.InvariantCulture, "OneOf", ResettlementProblem.What("serviceKind"), "a, b"));
        Assert.Equal("서비스 종류은(는) 다음 중 하나입니다: a, b.", ResettlementProblem.Text.In(new CultureInfo("ko"), "OneOf", ResettlementProblem.What("serviceKind"), "a, b"));
    }
}
