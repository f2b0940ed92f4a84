using System.Net;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

/// <summary>One alerts list: the dashboard and the waiting list point to the same open duplicate alerts, which a field manager decides.</summary>
public sealed class DuplicateAlertPageTests
{
    [Fact]
    public async Task A_field_manager_sees_both_codes_and_decides_and_each_decision_is_audited()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var west = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["west"]);
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, ["east", "west"]);
        var eastClient = await web.SignedInClientAsync(east);
        var westClient = await web.SignedInClientAsync(west);
        var first = await WebFactory.PostFormAsync(eastClient, "/cases/new", new Dictionary<string, string> { ["Form.Compartment"] = "east", ["Form.FullName"] = "이명철", ["Form.BirthDate"] = "1979", ["Form.Sex"] = "M" });
        var second = await WebFactory.PostFormAsync(westClient, "/cases/new", new Dictionary<string, string> { ["Form.Compartment"] = "west", ["Form.FullName"] = "Lee Myung-chul", ["Form.BirthDate"] = "1979", ["Form.Sex"] = "M" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var eastCode = first.Headers.Location!.OriginalString.Split('/', '?')[2];
        var westCode = second.Headers.Location!.OriginalString.Split('/', '?')[2];

        var managerClient = await web.SignedInClientAsync(manager);
        var dashboard = await managerClient.GetStringAsync("/");
        Assert.Contains("href=\"/cases/alerts\"", dashboard, StringComparison.Ordinal);
        var page = await managerClient.GetStringAsync("/cases/alerts");
        Assert.Contains(eastCode, page, StringComparison.Ordinal);
        Assert.Contains(westCode, page, StringComparison.Ordinal);
        Assert.DoesNotContain("이명철", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Lee Myung-chul", page, StringComparison.Ordinal);

        // Coordinators do not decide: the same 404 as an unknown page.
        Assert.Equal(HttpStatusCode.NotFound, (await westClient.GetAsync("/cases/alerts")).StatusCode);

        var alertId = System.Text.RegularExpressions.Regex.Match(page, "data-alert=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var refused = await WebFactory.PostFormAsync(westClient, "/cases/alerts", new Dictionary<string, string> { ["id"] = alertId, ["decision"] = "different" }, "/cases");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var decided = await WebFactory.PostFormAsync(managerClient, "/cases/alerts", new Dictionary<string, string> { ["id"] = alertId, ["decision"] = "different" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var after = await managerClient.GetStringAsync(decided.Headers.Location!.OriginalString);
        Assert.Contains("role=\"status\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-alert=", after, StringComparison.Ordinal);

        // Both mirrored alerts are closed, and the decision is recorded once per case code.
        await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            Assert.Equal(0, await db.DuplicateAlerts.IgnoreQueryFilters().CountAsync(a => a.ResolvedAt == null));
            var codes = await db.AuditEvents.Where(e => e.Action == "case.duplicate.different-people").Select(e => e.RecordCode).ToListAsync();
            Assert.Equal(new[] { eastCode, westCode }.Order(), codes.Order());
            return 0;
        });

        // Deciding again changes nothing.
        var again = await WebFactory.PostFormAsync(managerClient, "/cases/alerts", new Dictionary<string, string> { ["id"] = alertId, ["decision"] = "same" }, "/cases");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
