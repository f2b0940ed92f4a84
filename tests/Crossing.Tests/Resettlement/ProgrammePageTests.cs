using System.Globalization;
using System.Net;
using Crossing.Core.Cases;
using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Web.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Resettlement;

/// <summary>The programme, outcomes and timeline pages through the real pipeline, signed in as a person would be, in Korean.</summary>
public sealed class ProgrammePageTests
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<(HttpClient Client, StaffCaller Caller)> KoreanWorkerAsync(WebFactory web, string compartment = "resettlement")
    {
        var staff = await web.AddStaffAsync(StaffRole.Resettlement, [compartment]);
        var caller = (await web.InScopeAsync(sp => sp.GetRequiredService<StaffDirectory>().CallerAsync(staff.Id)))!;
        var client = await web.SignedInClientAsync(staff);
        await WebFactory.PostFormAsync(client, LanguageSwitch.Path, new Dictionary<string, string> { ["culture"] = "ko", ["returnUrl"] = "/resettlement" }, formPage: "/resettlement");
        return (client, caller);
    }

    private static Task<string> RecordAsync(WebFactory web, StaffCaller caller, string compartment, string fullName) =>
        web.InScopeAsync(async sp => (await sp.GetRequiredService<CaseRegistry>().RecordAsync(caller,
            new CaseIntakeInput { Compartment = compartment, FullName = fullName, BirthDate = "1990", Sex = "F" }.Validate(Today))).Code);

    private static void NoInlineScriptOrStyle(string html)
    {
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_worker_creates_a_programme_registers_people_and_the_one_over_capacity_is_told_they_wait_in_korean()
    {
        await using var web = await WebFactory.CreateAsync();
        var (client, caller) = await KoreanWorkerAsync(web);
        var (other, otherCaller) = await KoreanWorkerAsync(web, "resettlement-south");
        var first = await RecordAsync(web, caller, "resettlement", "Han Mi-na");
        var second = await RecordAsync(web, caller, "resettlement", "Seo Ji-woo");
        var elsewhere = await RecordAsync(web, otherCaller, "resettlement-south", "Yoon Ha-eun");

        var refused = await WebFactory.PostFormAsync(client, "/resettlement/programmes", new Dictionary<string, string>
        {
            ["Form.Kind"] = "summit", ["Form.Title"] = "x", ["Form.StartsOn"] = "", ["Form.Capacity"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("이름을 한 줄로", refusal, StringComparison.Ordinal);
        Assert.Contains("정원을 1에서 10000", refusal, StringComparison.Ordinal);

        var created = await WebFactory.PostFormAsync(client, "/resettlement/programmes", new Dictionary<string, string>
        {
            ["Form.Kind"] = "leadership", ["Form.Title"] = "Future leaders", ["Form.StartsOn"] = Iso(Today.AddDays(30)), ["Form.Capacity"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        Assert.EndsWith("?done=created", page, StringComparison.Ordinal);
        var path = page[..page.IndexOf('?', StringComparison.Ordinal)];
        Assert.Contains("프로그램을 추가했습니다", await client.GetStringAsync(page), StringComparison.Ordinal);

        var registered = await WebFactory.PostFormAsync(client, path + "?handler=Register", new Dictionary<string, string> { ["code"] = first }, formPage: path);
        Assert.Contains($"{first}님을 등록했습니다", await client.GetStringAsync(registered.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var waiting = await WebFactory.PostFormAsync(client, path + "?handler=Register", new Dictionary<string, string> { ["code"] = second }, formPage: path);
        var waitingPage = await client.GetStringAsync(waiting.Headers.Location!.OriginalString);
        Assert.Contains($"정원이 찼습니다. {second}님은 대기자 명단 1번", waitingPage, StringComparison.Ordinal);
        NoInlineScriptOrStyle(waitingPage);

        var twice = await WebFactory.PostFormAsync(client, path + "?handler=Register", new Dictionary<string, string> { ["code"] = first }, formPage: path);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("이미 등록되었거나 대기 중인 사람입니다", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The other compartment's worker registers their person and sees only them; a hidden person cannot be registered here.
        await WebFactory.PostFormAsync(other, path + "?handler=Register", new Dictionary<string, string> { ["code"] = elsewhere }, formPage: path);
        var otherPage = await other.GetStringAsync(path);
        Assert.Contains($"data-case=\"{elsewhere}\"", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(first, otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(second, otherPage, StringComparison.Ordinal);
        var hidden = await WebFactory.PostFormAsync(client, path + "?handler=Register", new Dictionary<string, string> { ["code"] = elsewhere }, formPage: path);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        var withdrawn = await WebFactory.PostFormAsync(client, path + "?handler=Withdraw", new Dictionary<string, string> { ["code"] = first }, formPage: path);
        Assert.Contains($"{first}님의 신청을 취소했습니다", await client.GetStringAsync(withdrawn.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Contains($"data-case=\"{second}\" data-status=\"registered\"", await client.GetStringAsync(path), StringComparison.Ordinal);
        var list = await client.GetStringAsync("/resettlement/programmes");
        Assert.Contains("Future leaders", list, StringComparison.Ordinal);
        Assert.Contains("1자리 중 1자리 찼음", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/resettlement/programmes/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_outcomes_chart_draws_small_cells_as_suppressed_never_with_their_count()
    {
        await using var web = await WebFactory.CreateAsync();
        var (client, caller) = await KoreanWorkerAsync(web);
        var person = await RecordAsync(web, caller, "resettlement", "Han Mi-na");
        var year = Today.Year;
        await web.InScopeAsync(async sp =>
        {
            var log = sp.GetRequiredService<ResettlementLog>();
            for (var i = 0; i < 6; i++)
                await log.LogServiceAsync(caller, person, new ServiceRequest("housing", "completed", null, Iso(new DateOnly(year, 1, 2)), Iso(new DateOnly(year, 1, 3)), i < 5 ? "achieved" : "not-achieved"));
            for (var i = 0; i < 2; i++)
                await log.LogServiceAsync(caller, person, new ServiceRequest("legal", "active", null, Iso(new DateOnly(year, 1, 2)), null, null));
            return 0;
        });

        var html = await client.GetStringAsync("/resettlement/outcomes");

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains($"data-service=\"housing\" data-year=\"{year}\" data-count=\"6\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-service=\"legal\" data-year=\"{year}\" data-count=\"suppressed\"", html, StringComparison.Ordinal);
        var legal = html[html.IndexOf("data-service=\"legal\"", StringComparison.Ordinal)..];
        legal = legal[..legal.IndexOf("</g>", StringComparison.Ordinal)];
        Assert.Contains("5건 미만", legal, StringComparison.Ordinal);
        Assert.DoesNotContain(">2<", legal, StringComparison.Ordinal);
        Assert.Contains("bar suppressed", legal, StringComparison.Ordinal);
        Assert.Contains("주거", html, StringComparison.Ordinal);
        Assert.DoesNotContain(person, html, StringComparison.Ordinal);
        NoInlineScriptOrStyle(html);
    }

    [Fact]
    public async Task From_the_timeline_a_worker_starts_resettlement_logs_a_service_and_a_contact_attempt_with_confirmations()
    {
        await using var web = await WebFactory.CreateAsync();
        var (client, caller) = await KoreanWorkerAsync(web);
        var person = await RecordAsync(web, caller, "resettlement", "Han Mi-na");
        var path = $"/resettlement/{person}";

        var started = await WebFactory.PostFormAsync(client, path + "?handler=Start", new Dictionary<string, string> { ["arrivedOn"] = Iso(Today) }, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var afterStart = await client.GetStringAsync(started.Headers.Location!.OriginalString);
        Assert.Contains("정착 지원을 시작했습니다", afterStart, StringComparison.Ordinal);
        Assert.Contains($"data-kind=\"follow-up\" data-on=\"{Iso(Today.AddDays(7))}\" data-status=\"due\"", afterStart, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Start", afterStart, StringComparison.Ordinal);

        var again = await WebFactory.PostFormAsync(client, path + "?handler=Start", new Dictionary<string, string> { ["arrivedOn"] = Iso(Today) }, formPage: path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("이미 후속 연락 일정이 있거나", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badService = await WebFactory.PostFormAsync(client, path + "?handler=Service", new Dictionary<string, string>
        {
            ["Service.Kind"] = "housing", ["Service.Status"] = "completed", ["Service.StartedOn"] = Iso(Today), ["Service.EndedOn"] = Iso(Today.AddDays(-3)), ["Service.Outcome"] = "achieved",
        }, formPage: path);
        Assert.Equal(HttpStatusCode.OK, badService.StatusCode);
        Assert.Contains("종료일은 시작일과 같거나", await badService.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var service = await WebFactory.PostFormAsync(client, path + "?handler=Service", new Dictionary<string, string>
        {
            ["Service.Kind"] = "education", ["Service.Status"] = "active", ["Service.StartedOn"] = Iso(Today), ["Service.Outcome"] = "none",
        }, formPage: path);
        var afterService = await client.GetStringAsync(service.Headers.Location!.OriginalString);
        Assert.Contains("서비스를 기록했습니다", afterService, StringComparison.Ordinal);
        Assert.Contains("교육", afterService, StringComparison.Ordinal);
        Assert.Contains("진행 중", afterService, StringComparison.Ordinal);

        var contact = await WebFactory.PostFormAsync(client, path + "?handler=Contact", new Dictionary<string, string> { ["channel"] = "visit", ["reached"] = "true" }, formPage: path);
        var afterContact = await client.GetStringAsync(contact.Headers.Location!.OriginalString);
        Assert.Contains("연락 시도를 기록했습니다", afterContact, StringComparison.Ordinal);
        Assert.Contains("연락됨", afterContact, StringComparison.Ordinal);
        NoInlineScriptOrStyle(afterContact);

        var (outsider, outsiderCaller) = await KoreanWorkerAsync(web, "resettlement-south");
        var elsewhere = await RecordAsync(web, outsiderCaller, "resettlement-south", "Yoon Ha-eun");
        var hidden = await WebFactory.PostFormAsync(client, $"/resettlement/{elsewhere}?handler=Service", new Dictionary<string, string> { ["Service.Kind"] = "housing" }, formPage: path);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
    }
}
