using System.Net;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;

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
        var firstCode = created.Headers.Location!.OriginalString["/cases/".Length..];

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{firstCode}"));
        Assert.Contains("김지현", detail, StringComparison.Ordinal);
        Assert.Contains("<script>alert", detail, StringComparison.Ordinal); // only after decoding: the page itself holds it encoded
        Assert.Contains("&lt;script&gt;", await client.GetStringAsync($"/cases/{firstCode}"), StringComparison.Ordinal);

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

        var confirmed = await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string>(urgent) { ["ConfirmedNotDuplicate"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var secondCode = confirmed.Headers.Location!.OriginalString["/cases/".Length..];

        var list = await client.GetStringAsync("/cases");
        Assert.True(list.IndexOf(secondCode, StringComparison.Ordinal) < list.IndexOf(firstCode, StringComparison.Ordinal), "the pregnant woman's group comes first");
        Assert.Contains("close-to-deadline", list, StringComparison.Ordinal);

        var print = await client.GetStringAsync("/cases/print");
        Assert.Contains(secondCode, print, StringComparison.Ordinal);
        Assert.DoesNotContain("pregnant", print, StringComparison.Ordinal);
        Assert.DoesNotContain("김지현", WebUtility.HtmlDecode(list + print), StringComparison.Ordinal);
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
