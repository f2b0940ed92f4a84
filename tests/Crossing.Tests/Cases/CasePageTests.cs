using System.Net;
using Crossing.Core.Security.Access;
using Crossing.Core.Persistence;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

public sealed class CasePageTests
{
    [Fact]
    public async Task Coordinator_records_in_korean_is_warned_of_a_duplicate_and_sees_the_waiting_list_in_urgency_order()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var client = await web.SignedInClientAsync(staff);
        var first = new Dictionary<string, string>
        {
            ["Form.Compartment"] = "east", ["Form.FullName"] = "김지현", ["Form.BirthDate"] = "1994-03", ["Form.Sex"] = "F",
            ["Form.Hometown"] = "<script>alert('x')</script>",
        };
        var created = await WebFactory.PostFormAsync(client, "/cases/new", first);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var firstCode = CodeOf(created);

        var shown = await ShowIdentityAsync(client, firstCode);
        var detail = WebUtility.HtmlDecode(shown);
        Assert.Contains("김지현", detail, StringComparison.Ordinal);
        Assert.Contains("<script>alert", detail, StringComparison.Ordinal); // only after decoding: the page itself holds it encoded
        Assert.Contains("&lt;script&gt;", shown, StringComparison.Ordinal);

        var urgent = new Dictionary<string, string>
        {
            ["Form.Compartment"] = "east", ["Form.FullName"] = "Kim Ji-hyun", ["Form.BirthDate"] = "1994", ["Form.Sex"] = "F",
            ["Form.PregnancyWeeks"] = "26", ["Form.ViolenceAtHome"] = "true",
        };
        var warned = await WebFactory.PostFormAsync(client, "/cases/new", urgent);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var warning = await warned.Content.ReadAsStringAsync();
        Assert.Contains("Possible duplicate", warning, StringComparison.Ordinal);
        Assert.Contains(firstCode, warning, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\([01]\.\d\d\)", warning);
        Assert.Contains($"<a class=\"open-existing\" href=\"/cases/{firstCode}\">Open the existing case</a>", warning, StringComparison.Ordinal);
        Assert.Contains("<a class=\"cancel\" href=\"/cases\">", warning, StringComparison.Ordinal);

        var confirmed = await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string>(urgent) { ["ConfirmedNotDuplicate"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var secondCode = CodeOf(confirmed);

        var list = await client.GetStringAsync("/cases");
        Assert.True(list.IndexOf(secondCode, StringComparison.Ordinal) < list.IndexOf(firstCode, StringComparison.Ordinal), "the pregnant woman's group comes first");
        Assert.Contains("close-to-deadline", list, StringComparison.Ordinal);

        var print = await client.GetStringAsync("/cases/print");
        Assert.Contains("<meta name=\"viewport\"", print, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/cases\">", print, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Account/Sessions\">", list, StringComparison.Ordinal);
        Assert.Contains("<select name=\"compartment\">", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"east\">east</option>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<input name=\"compartment\"", list, StringComparison.Ordinal);
        Assert.Contains(secondCode, print, StringComparison.Ordinal);
        Assert.DoesNotContain("pregnant", print, StringComparison.Ordinal);
        Assert.DoesNotContain("김지현", WebUtility.HtmlDecode(list + print), StringComparison.Ordinal);
    }

    private static string CodeOf(HttpResponseMessage created) => created.Headers.Location!.OriginalString["/cases/".Length..].Split('?')[0];

    private static async Task<string> ShowIdentityAsync(HttpClient client, string code)
    {
        var shown = await WebFactory.PostFormAsync(client, $"/cases/{code}?handler=Identity", new Dictionary<string, string>(), formPage: $"/cases/{code}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        return await shown.Content.ReadAsStringAsync();
    }

    private static Task<int> IdentityReadsAsync(WebFactory web, string code) =>
        web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "case.identity.read" && e.RecordCode == code));

    [Fact]
    public async Task Case_page_hides_identity_until_shown_audits_only_the_showing_and_changes_status_with_a_confirmation()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var client = await web.SignedInClientAsync(staff);
        var created = await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string>
        {
            ["Form.Compartment"] = "east", ["Form.FullName"] = "Ri Ok-hwa", ["Form.Sex"] = "F", ["Form.Location"] = "Markerplace Yanji",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.EndsWith("?done=recorded", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var code = CodeOf(created);

        var recorded = await client.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("role=\"status\">The case was recorded.", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("Markerplace", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("Ri Ok-hwa", recorded, StringComparison.Ordinal);
        Assert.Contains("Show identity", recorded, StringComparison.Ordinal);
        Assert.Equal(0, await IdentityReadsAsync(web, code));

        var shown = await ShowIdentityAsync(client, code);
        Assert.Contains("Markerplace Yanji", shown, StringComparison.Ordinal);
        Assert.Contains("Female", shown, StringComparison.Ordinal);
        Assert.Equal(1, await IdentityReadsAsync(web, code));

        var changed = await WebFactory.PostFormAsync(client, $"/cases/{code}?handler=Status", new Dictionary<string, string> { ["Status"] = "travelling" }, formPage: $"/cases/{code}");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal($"/cases/{code}?done=status", changed.Headers.Location!.OriginalString);
        var after = await client.GetStringAsync(changed.Headers.Location!.OriginalString);
        Assert.Contains("data-status=\"travelling\"", after, StringComparison.Ordinal);
        Assert.Contains("The status was changed.", after, StringComparison.Ordinal);
        Assert.Equal(1, await IdentityReadsAsync(web, code));

        var signedOut = await WebFactory.PostFormAsync(client, "/Account/SignOut", new Dictionary<string, string>(), formPage: "/cases");
        Assert.Equal("/Account/SignIn?done=signedout", signedOut.Headers.Location!.OriginalString);
        Assert.Contains("You are signed out.", await client.GetStringAsync(signedOut.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\"", await client.GetStringAsync("/Account/SignIn?done=%3Cscript%3E"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_list_labels_every_cell_so_a_narrow_screen_shows_one_card_per_group()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var client = await web.SignedInClientAsync(staff);
        await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string> { ["Form.Compartment"] = "east", ["Form.FullName"] = "Ri Ok-hwa", ["Form.Sex"] = "F" });
        var list = await client.GetStringAsync("/cases");
        var cells = System.Text.RegularExpressions.Regex.Matches(list, "<td[^>]*>");
        Assert.Equal(5, cells.Count);
        Assert.All(cells, c => Assert.Contains("data-label=", c.Value, StringComparison.Ordinal));
        var css = await client.GetStringAsync("/css/site.css");
        var narrow = css[css.IndexOf("@media (max-width: 47.99rem)", StringComparison.Ordinal)..];
        Assert.Contains(".waiting-list tr { background", narrow, StringComparison.Ordinal);
        Assert.Contains("min-height: 44px", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_gets_404_for_case_pages()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.Finance, ["east"]);
        var client = await web.SignedInClientAsync(staff);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cases/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cases/C-ZZZZ")).StatusCode);
    }
}
