using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using static Crossing.Tests.Resettlement.ResettlementApi;

namespace Crossing.Tests.Resettlement;

public sealed class OutcomeReportTests
{
    [Fact]
    public async Task The_outcome_report_counts_services_by_kind_and_year_and_suppresses_cells_under_five()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var year = DateTime.UtcNow.Year;
        var started = new DateOnly(year, 1, 15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = 0; i < 6; i++)
        {
            var code = await RecordCaseAsync(worker, "resettlement", i % 2 == 0 ? "Han Mi-na" : "Jang Sung-ho", "1990");
            Assert.True((await worker.PostAsJsonAsync($"/api/cases/{code}/services", new { kind = "housing", startedOn = started, outcome = i < 5 ? "achieved" : "not-achieved", status = "completed" })).IsSuccessStatusCode);
            if (i < 2)
                Assert.True((await worker.PostAsJsonAsync($"/api/cases/{code}/services", new { kind = "legal", startedOn = started })).IsSuccessStatusCode);
        }

        var report = await worker.GetFromJsonAsync<JsonElement>("/api/resettlement/outcomes");
        Assert.Equal(5, report.GetProperty("suppressedBelow").GetInt32());
        var cells = report.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("service").GetString()!);
        Assert.Equal(6, cells["housing"].GetProperty("services").GetInt32());
        Assert.Equal(5, cells["housing"].GetProperty("achieved").GetInt32());
        Assert.Equal(JsonValueKind.Null, cells["legal"].GetProperty("services").ValueKind);
        Assert.Equal(JsonValueKind.Null, cells["legal"].GetProperty("achieved").ValueKind);
        Assert.DoesNotContain("C-", report.GetRawText(), StringComparison.Ordinal);
    }
}
