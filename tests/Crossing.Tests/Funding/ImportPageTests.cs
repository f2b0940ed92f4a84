using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Tests.Web;

namespace Crossing.Tests.Funding;

public sealed partial class ImportPageTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Fact]
    public async Task Finance_uploads_a_report_and_sees_the_summary_and_each_bad_line_in_korean_too()
    {
        await using var web = await WebFactory.CreateAsync();
        var finance = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.Finance, []));
        var page = await finance.GetStringAsync("/finance/imports");
        ShellMarkupTests.AssertNoInlineCode("/finance/imports", page);
        var text = string.Join('\n', ImportTests.Header, ImportTests.Row("w1"), ImportTests.Row("w2", amount: "-1"), ImportTests.Row("w1")) + "\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent("facebook"), "Form.Kind" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Form.File", "report.csv");
        var response = await finance.PostAsync("/finance/imports", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 rows: 1 imported, 1 duplicates, 1 rejected", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-line=\"3\"><td>3</td><td>Donation amount -1 is negative</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-line=\"4\">", html, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/finance/imports");
        request.Headers.AcceptLanguage.ParseAdd("ko");
        var korean = await (await finance.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("최근 가져오기", korean, StringComparison.Ordinal);
        Assert.Contains("완료", korean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_finance_get_the_plain_404()
    {
        await using var web = await WebFactory.CreateAsync();
        var manager = await web.SignedInClientAsync(await web.AddStaffAsync(StaffRole.FieldManager));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/finance/imports")).StatusCode);
    }
}
