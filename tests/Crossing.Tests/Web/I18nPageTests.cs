using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Web.Shell;

namespace Crossing.Tests.Web;

public sealed partial class I18nPageTests
{
    private static Task<HttpResponseMessage> SwitchToKoreanAsync(HttpClient client, string page) =>
        WebFactory.PostFormAsync(client, LanguageSwitch.Path, new Dictionary<string, string> { ["culture"] = "ko", ["returnUrl"] = page }, formPage: page);

    /// <summary>Records a pregnant woman's case (which has a travel deadline) and returns her family group code.</summary>
    private static async Task<string> RecordCaseWithDeadlineAsync(HttpClient client)
    {
        var created = await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string>
        {
            ["Form.Compartment"] = "east", ["Form.FullName"] = "Pak Sun-ok", ["Form.BirthDate"] = "1996", ["Form.Sex"] = "F",
            ["Form.PregnancyWeeks"] = "24",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await client.GetStringAsync("/cases");
        return GroupAttribute().Match(list).Groups[1].Value;
    }

    [Fact]
    public async Task Sign_in_page_renders_in_Korean_after_the_language_switch()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        var english = await client.GetStringAsync("/Account/SignIn");

        var switched = await SwitchToKoreanAsync(client, "/Account/SignIn");
        var korean = await client.GetStringAsync("/Account/SignIn");

        Assert.Contains("<label>Password", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, switched.StatusCode);
        Assert.Contains("<h1>로그인</h1>", korean, StringComparison.Ordinal);
        Assert.Contains("비밀번호", korean, StringComparison.Ordinal);
        Assert.Contains("이메일", korean, StringComparison.Ordinal);
        Assert.DoesNotContain("<label>Password", korean, StringComparison.Ordinal);
        Assert.DoesNotContain("<label>E-mail", korean, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Email\"", korean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_in_message_is_shown_in_Korean()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        await SwitchToKoreanAsync(client, "/Account/SignIn");

        var failed = await WebFactory.SubmitPasswordAsync(client, "nobody@test.crossing.invalid", "wrong-password-123");

        var html = await failed.Content.ReadAsStringAsync();
        Assert.Contains("로그인에 실패했습니다", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign-in failed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_list_renders_in_Korean_with_group_and_score_attributes_after_the_language_switch()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var client = await web.SignedInClientAsync(staff);
        var group = await RecordCaseWithDeadlineAsync(client);
        var english = await client.GetStringAsync("/cases");

        await SwitchToKoreanAsync(client, "/cases");
        var korean = await client.GetStringAsync("/cases");

        Assert.Contains("Waiting list", english, StringComparison.Ordinal);
        Assert.Contains("<h1>대기 명단</h1>", korean, StringComparison.Ordinal);
        Assert.Contains("케이스 기록", korean, StringComparison.Ordinal);
        Assert.Contains("대기 중", korean, StringComparison.Ordinal);
        Assert.Contains("임신", korean, StringComparison.Ordinal); // the triage reason, in Korean from Core
        Assert.Contains($"data-group=\"{group}\"", korean, StringComparison.Ordinal);
        Assert.Matches(ScoreAttribute(), korean);
        foreach (var english_only in new[] { "Waiting list", "Record a case", "Deadline", "Filter", "Compartment", "pregnan" })
            Assert.DoesNotContain(english_only, korean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_panel_shows_deadline_groups_to_a_field_manager_and_not_to_finance()
    {
        await using var web = await WebFactory.CreateAsync();
        var coordinator = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var group = await RecordCaseWithDeadlineAsync(await web.SignedInClientAsync(coordinator));
        var manager = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager, ["east"]));
        var finance = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.Finance, ["east"]));

        var managerHtml = await manager.GetStringAsync("/");
        var financeHtml = await finance.GetStringAsync("/");

        Assert.False(string.IsNullOrEmpty(group));
        Assert.Contains("Deadlines coming up", managerHtml, StringComparison.Ordinal);
        Assert.Contains($"data-group=\"{group}\"", managerHtml, StringComparison.Ordinal);
        Assert.Contains("Family groups waiting: 1", managerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Pak Sun-ok", managerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Deadlines coming up", financeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(group, financeHtml, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-group=\"([^\"]+)\"")]
    private static partial Regex GroupAttribute();

    [GeneratedRegex("data-score=\"[0-9]+\"")]
    private static partial Regex ScoreAttribute();
}
