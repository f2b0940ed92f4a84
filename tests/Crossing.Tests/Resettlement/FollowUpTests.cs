using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Persistence;
using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Resettlement.ResettlementApi;

namespace Crossing.Tests.Resettlement;

public sealed class FollowUpTests
{
    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void The_default_schedule_is_first_week_first_month_three_months_then_yearly()
    {
        var start = new DateOnly(2026, 1, 31);
        var dates = new ResettlementOptions().DueDates(start);
        Assert.Equal(["7d", "1m", "3m", "1y", "2y", "3y", "4y", "5y"], dates.Select(d => d.Label));
        Assert.Equal(new DateOnly(2026, 2, 7), dates[0].DueOn);
        Assert.Equal(new DateOnly(2026, 2, 28), dates[1].DueOn);
        Assert.Equal(new DateOnly(2027, 1, 31), dates[3].DueOn);
        Assert.Equal(["2w", "1y"], new ResettlementOptions { Schedule = ["2w"], YearlyFor = 1 }.DueDates(start).Select(d => d.Label));
        Assert.Throws<InvalidOperationException>(() => new ResettlementOptions { Schedule = ["soon"] }.Validate());
    }

    [Fact]
    public async Task Reminders_are_generated_once_per_due_date_when_the_job_runs_twice()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var first = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var second = await RecordCaseAsync(worker, "resettlement", "Jang Sung-ho", "1979");
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{first}/resettlement/start", new { arrivedOn = Day(-5) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{second}/resettlement/start", new { arrivedOn = Day(-2) })).StatusCode);

        var run1 = await web.InScopeAsync(sp => sp.GetRequiredService<FollowUpReminders>().RunAsync("system:test"));
        var run2 = await web.InScopeAsync(sp => sp.GetRequiredService<FollowUpReminders>().RunAsync("system:test"));
        Assert.Equal(2, run1.Created);
        Assert.Equal(0, run2.Created);
        Assert.Equal(2, run2.AlreadyReminded);
        var reminders = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<FollowUpReminder>()
            .IgnoreQueryFilters().Select(r => r.CaseCode + " " + r.DueOn).ToListAsync());
        Assert.Equal(new[] { $"{first} {Day(2)}", $"{second} {Day(5)}" }.Order(), reminders.Order());
        var bypasses = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "bypass:follow-up-reminders"));
        Assert.Equal(2, bypasses);
    }

    [Fact]
    public async Task Due_this_week_lists_the_responsible_workers_follow_ups_only()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (colleague, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/start", new { arrivedOn = Day(-3) })).StatusCode);

        var due = (await worker.GetFromJsonAsync<JsonElement>("/api/resettlement/due-this-week")).GetProperty("followUps");
        var only = Assert.Single(due.EnumerateArray());
        Assert.Equal(code, only.GetProperty("case").GetString());
        Assert.Equal(Day(4), only.GetProperty("dueOn").GetString());
        Assert.Equal("7d", only.GetProperty("label").GetString());
        Assert.Empty((await colleague.GetFromJsonAsync<JsonElement>("/api/resettlement/due-this-week")).GetProperty("followUps").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsync($"/api/cases/{code}/follow-ups/{Day(4)}/done", null)).StatusCode);
        Assert.Empty((await worker.GetFromJsonAsync<JsonElement>("/api/resettlement/due-this-week")).GetProperty("followUps").EnumerateArray());
    }

    [Fact]
    public async Task Starting_twice_is_refused_and_changes_nothing()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/start", new { arrivedOn = Day(-3) })).StatusCode);
        var again = await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/start", new { arrivedOn = Day(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("arrivedOn", out _));
        var count = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<FollowUp>().IgnoreQueryFilters().CountAsync());
        Assert.Equal(8, count);
    }

    [Fact]
    public async Task A_closed_case_is_reopened_with_its_history_and_a_new_schedule()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/start", new { arrivedOn = Day(-800) })).StatusCode);
        var service = await worker.PostAsJsonAsync($"/api/cases/{code}/services",
            new { kind = "housing", status = "completed", startedOn = Day(-790), endedOn = Day(-700), outcome = "achieved" });
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/contact-attempts", new { channel = "phone", reached = false })).StatusCode);

        var notClosed = await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/reopen", new { });
        Assert.Equal(HttpStatusCode.BadRequest, notClosed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/api/cases/{code}/status", new { status = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/reopen", new { })).StatusCode);

        Assert.Equal("resettling", (await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{code}")).GetProperty("status").GetString());
        var timeline = (await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/timeline")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "service" && e.GetProperty("what").GetString() == "housing");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "contact" && e.GetProperty("status").GetString() == "not-reached");
        Assert.Equal(16, timeline.Count(e => e.GetProperty("kind").GetString() == "follow-up"));
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "follow-up" && e.GetProperty("on").GetString() == Day(7));
    }

    [Fact]
    public async Task A_service_with_unknown_kind_or_dates_the_wrong_way_round_is_refused_field_by_field()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var bad = await worker.PostAsJsonAsync($"/api/cases/{code}/services", new { kind = "cooking", startedOn = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["kind", "startedOn"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var backwards = await worker.PostAsJsonAsync($"/api/cases/{code}/services", new { kind = "legal", startedOn = Day(-1), endedOn = Day(-9) });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.True((await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("endedOn", out _));
    }
}

public sealed class FollowUpReminderJobTests
{
    [Fact]
    public async Task The_web_host_schedules_the_reminder_job_daily_and_two_runs_make_each_reminder_once()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var arrived = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/resettlement/start", new { arrivedOn = arrived })).StatusCode);

        var schedule = web.Services.GetRequiredService<Crossing.Web.Resettlement.FollowUpReminderSchedule>();
        Assert.NotNull(schedule.NextRun);
        Assert.InRange(schedule.NextRun!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        var job = ActivatorUtilities.CreateInstance<Crossing.Web.Resettlement.FollowUpReminderJob>(web.Services);
        Assert.Equal(1, (await job.RunOnceAsync(CancellationToken.None)).Created);
        Assert.Equal(0, (await job.RunOnceAsync(CancellationToken.None)).Created);
        var reminders = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().Set<FollowUpReminder>().IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, reminders);
    }
}
