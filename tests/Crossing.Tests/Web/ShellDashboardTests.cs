using System.Net;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Crossing.Tests.Web;

public sealed class ShellDashboardTests
{
    [Fact]
    public async Task The_dashboard_shows_the_callers_role_compartments_and_honest_empty_panels()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, "route-north", "route-west");

        var response = await web.ClientFor(manager).GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(manager.Code, html, StringComparison.Ordinal);
        Assert.Contains("Field manager", html, StringComparison.Ordinal);
        Assert.Contains("<li>route-north</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>route-west</li>", html, StringComparison.Ordinal);
        Assert.Contains("Deadlines coming up", html, StringComparison.Ordinal);
        Assert.Contains("Journeys under way", html, StringComparison.Ordinal);
        Assert.Contains("No journey is under way.", html, StringComparison.Ordinal);
        Assert.Contains("data-panel=\"journeys\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit log", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_sees_no_field_panels_and_an_administrator_sees_counts_from_real_data()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var finance = await web.AddStaffAsync(StaffRole.Finance);
        var admin = await web.AddStaffAsync(StaffRole.Administrator);

        var financeHtml = await (await web.ClientFor(finance).GetAsync("/")).Content.ReadAsStringAsync();
        var adminHtml = await (await web.ClientFor(admin).GetAsync("/")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("Deadlines coming up", financeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Journeys under way", financeHtml, StringComparison.Ordinal);
        // Possible-duplicate alerts are for field managers; finance sees no such panel at all.
        Assert.DoesNotContain("Possible duplicates", financeHtml, StringComparison.Ordinal);
        Assert.Contains("None: you see no compartmented records.", financeHtml, StringComparison.Ordinal);
        // Two staff were added, each an audit event.
        Assert.Contains("2 staff accounts", adminHtml, StringComparison.Ordinal);
        Assert.Matches("[0-9]+ events recorded in the hash chain", adminHtml);
    }

    [Fact]
    public async Task Navigation_marks_the_current_page_and_is_not_shown_to_an_anonymous_caller()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, "east");

        var html = await (await web.ClientFor(manager).GetAsync("/")).Content.ReadAsStringAsync();
        var anonymous = await (await web.NewClient().GetAsync("/api/docs")).Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"/\" aria-current=\"page\">Dashboard</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/docs\">API reference</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public void Navigation_offers_only_pages_that_exist_and_the_role_may_use()
    {
        var pages = new DefaultEndpointDataSource(
            Page("/"), Page("cases"), Page("finance"), Page("admin/audit"));
        var navigation = new ShellNavigation(pages);
        var manager = new StaffCaller(Guid.NewGuid(), "S-AAAA", StaffRole.FieldManager, []);
        var finance = new StaffCaller(Guid.NewGuid(), "S-BBBB", StaffRole.Finance, []);

        // Entries come from the modules and show only where a page answers: /admin/audit has no module entry,
        // /journeys and the API reference no page in this endpoint set.
        Assert.Equal(["/", "/cases"], navigation.For(manager).Select(e => e.Path));
        Assert.Equal(["/", "/finance"], navigation.For(finance).Select(e => e.Path));
    }

    private static RouteEndpoint Page(string pattern) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, EndpointMetadataCollection.Empty, pattern);

    [Fact]
    public async Task The_sign_out_form_posts_with_an_antiforgery_token()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, "east");

        var html = await (await web.ClientFor(manager).GetAsync("/")).Content.ReadAsStringAsync();

        var form = System.Text.RegularExpressions.Regex.Match(html, "<form method=\"post\" action=\"/Account/SignOut\">(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, "no sign-out form");
        Assert.Contains("name=\"__RequestVerificationToken\"", form.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_closed_to_an_anonymous_caller()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().GetAsync("/");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Deadlines coming up", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
