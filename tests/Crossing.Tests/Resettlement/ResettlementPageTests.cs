using System.Globalization;
using System.Net;
using Crossing.Core.Cases;
using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Web.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Resettlement;

public sealed class ResettlementPageTests
{
    private static async Task<string> RecordAndStartAsync(WebFactory web, StaffCaller caller, string compartment, string fullName, int arrivedDaysAgo) =>
        await web.InScopeAsync(async sp =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var recorded = await sp.GetRequiredService<CaseRegistry>().RecordAsync(caller,
                new CaseIntakeInput { Compartment = compartment, FullName = fullName, BirthDate = "1990", Sex = "F" }.Validate(today));
            await sp.GetRequiredService<ResettlementLog>().StartAsync(caller, recorded.Code,
                today.AddDays(-arrivedDaysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
            return recorded.Code;
        });

    [Fact]
    public async Task A_worker_sees_follow_ups_due_this_week_and_a_timeline_in_korean_without_inline_script_or_style()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.Resettlement, ["resettlement"]);
        var caller = (await web.InScopeAsync(sp => sp.GetRequiredService<StaffDirectory>().CallerAsync(staff.Id)))!;
        var code = await RecordAndStartAsync(web, caller, "resettlement", "Han Mi-na", 3);
        var client = await web.SignedInClientAsync(staff);
        await WebFactory.PostFormAsync(client, LanguageSwitch.Path, new Dictionary<string, string> { ["culture"] = "ko", ["returnUrl"] = "/resettlement" }, formPage: "/resettlement");

        var page = await client.GetStringAsync("/resettlement");
        Assert.Contains("이번 주 후속 연락", page, StringComparison.Ordinal);
        Assert.Contains($"data-case=\"{code}\"", page, StringComparison.Ordinal);
        Assert.Contains(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        var timeline = await client.GetStringAsync($"/resettlement/{code}");
        Assert.Contains("후속 연락", timeline, StringComparison.Ordinal);
        var dashboard = await client.GetStringAsync("/");
        Assert.Contains($"/resettlement/{code}", dashboard, StringComparison.Ordinal);
        foreach (var html in new[] { page, timeline })
        {
            Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Han", html, StringComparison.Ordinal);
        }

        var done = await WebFactory.PostFormAsync(client, "/resettlement?handler=Done", new Dictionary<string, string>
        {
            ["code"] = code, ["dueOn"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, formPage: "/resettlement");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain($"data-case=\"{code}\"", await client.GetStringAsync("/resettlement"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_of_a_person_in_another_compartment_is_not_found()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var eastCaller = (await web.InScopeAsync(sp => sp.GetRequiredService<StaffDirectory>().CallerAsync(east.Id)))!;
        var code = await RecordAndStartAsync(web, eastCaller, "east", "Han Mi-na", 3);
        var worker = await web.AddStaffAsync(StaffRole.Resettlement, ["resettlement"]);
        var client = await web.SignedInClientAsync(worker);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/resettlement/{code}")).StatusCode);
        Assert.DoesNotContain(code, await client.GetStringAsync("/resettlement"), StringComparison.Ordinal);
    }
}
