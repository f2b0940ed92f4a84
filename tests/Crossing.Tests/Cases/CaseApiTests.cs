using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crossing.Tests.Cases;

public sealed class CaseApiTests
{
    private static async Task<HttpClient> ClientAsync(WebFactory web, WebApplicationFactory<Crossing.Web.Security.CallerAccessor> app, StaffRole role, params string[] compartments)
    {
        var staff = await web.AddStaffAsync(role, compartments);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        return client;
    }

    private static Task<HttpClient> ClientAsync(WebFactory web, StaffRole role, params string[] compartments) => ClientAsync(web, web, role, compartments);

    private static async Task<string> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Coordinator_records_a_case_and_reads_it_back_with_identity()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var code = await CreateAsync(east, new
        {
            compartment = "east", fullName = "Kim Ji-hyun", birthDate = "1994-03", sex = "F", hometown = "Hyesan", location = "<img src=x onerror=alert(1)>",
            contact = "wechat", familyGroup = (string?)null, notes = "notes", pregnancyWeeks = 16,
        });
        Assert.Matches("^C-[2-9A-Z]{4}$", code);

        var json = await east.GetFromJsonAsync<JsonElement>($"/api/cases/{code}");
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal("waiting", json.GetProperty("status").GetString());
        Assert.StartsWith("G-", json.GetProperty("familyGroup").GetString(), StringComparison.Ordinal);
        Assert.Equal("Kim Ji-hyun", json.GetProperty("identity").GetProperty("fullName").GetString());
        Assert.Equal("<img src=x onerror=alert(1)>", json.GetProperty("identity").GetProperty("location").GetString());
        Assert.Contains("16 weeks", json.GetProperty("urgency").GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("urgency").TryGetProperty("deadline", out _));

        var list = await east.GetFromJsonAsync<JsonElement>("/api/cases?status=waiting");
        var listed = Assert.Single(list.GetProperty("cases").EnumerateArray());
        Assert.False(listed.TryGetProperty("identity", out _));

        var reads = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "case.identity.read" && e.RecordCode == code));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Case_of_another_compartment_gets_the_same_404_as_an_unknown_code()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var west = await ClientAsync(web, StaffRole.FieldCoordinator, "west");
        var finance = await ClientAsync(web, StaffRole.Finance, "east");
        var storyteller = await ClientAsync(web, StaffRole.Storyteller, "east");
        var code = await CreateAsync(east, new { compartment = "east", fullName = "이명철", sex = "M" });

        var hidden = await west.GetAsync($"/api/cases/{code}");
        var unknown = await west.GetAsync("/api/cases/C-ZZZZ");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsByteArrayAsync(), await hidden.Content.ReadAsByteArrayAsync());
        Assert.Equal(unknown.Content.Headers.ContentType?.ToString(), hidden.Content.Headers.ContentType?.ToString());
        foreach (var outsider in new[] { finance, storyteller })
        {
            var response = await outsider.GetAsync($"/api/cases/{code}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(await unknown.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/api/cases")).StatusCode);
        }
        Assert.Empty((await west.GetFromJsonAsync<JsonElement>("/api/cases")).GetProperty("cases").EnumerateArray());
    }

    [Fact]
    public async Task Invalid_input_is_a_400_naming_the_field_and_a_foreign_compartment_a_403()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        await web.AddStaffAsync(StaffRole.FieldCoordinator, ["west"]);

        async Task AssertInvalid(object body, string field)
        {
            var response = await east.PostAsJsonAsync("/api/cases", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {json}");
            Assert.DoesNotContain("at Crossing", json.ToString(), StringComparison.Ordinal);
        }

        await AssertInvalid(new { compartment = "east", fullName = "Kim Ji-hyun", birthDate = "1994-13" }, "birthDate");
        await AssertInvalid(new { compartment = "east", fullName = "Kim Ji-hyun", birthDate = "" , notes = new string('가', 10_000) }, "notes");
        await AssertInvalid(new { compartment = "east", fullName = "Kim\u0007Ji-hyun" }, "fullName");
        await AssertInvalid(new { compartment = "east", fullName = "" }, "fullName");
        await AssertInvalid(new { compartment = "east", fullName = "Kim Ji-hyun", pregnancyWeeks = "many" }, "pregnancyWeeks");

        var foreign = await east.PostAsJsonAsync("/api/cases", new { compartment = "west", fullName = "Kim Ji-hyun" });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(0, await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().Cases.CountAsync()));
    }

    [Fact]
    public async Task Match_lists_visible_candidates_and_says_nothing_of_others_until_a_case_is_recorded()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var west = await ClientAsync(web, StaffRole.FieldCoordinator, "west");
        var code = await CreateAsync(east, new { compartment = "east", fullName = "박순희", birthDate = "1992", sex = "F" });

        var mine = await (await east.PostAsJsonAsync("/api/cases/match", new { fullName = "Park Soon-hee", birthDate = "1992" })).Content.ReadFromJsonAsync<JsonElement>();
        var candidate = Assert.Single(mine.GetProperty("candidates").EnumerateArray());
        Assert.Equal(code, candidate.GetProperty("code").GetString());
        Assert.True(candidate.GetProperty("likely").GetBoolean());

        var response = await west.PostAsJsonAsync("/api/cases/match", new { fullName = "Pak Sun-hui", birthDate = "1992" });
        var text = await response.Content.ReadAsStringAsync();
        var theirs = JsonDocument.Parse(text).RootElement;
        Assert.Equal("""{"candidates":[]}""", text);
        Assert.Equal(0, await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "case.duplicate-alert")));

        // Recording the person is what raises the signal: the case exists, and both compartments' managers are told.
        var recorded = await west.PostAsJsonAsync("/api/cases", new { compartment = "west", fullName = "Pak Sun-hui", birthDate = "1992", sex = "F" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var body = await recorded.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("possibleDuplicateElsewhere").GetBoolean());
        Assert.DoesNotContain(code, body, StringComparison.Ordinal);
        Assert.DoesNotContain("east", body, StringComparison.Ordinal);
        Assert.Equal(1, await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.CountAsync(e => e.Action == "case.duplicate-alert" && e.RecordCode == code)));
    }

    [Fact]
    public async Task No_marker_name_appears_in_the_database_its_wal_or_the_logs()
    {
        var logs = new ConcurrentQueue<string>();
        await using var web = await WebFactory.CreateAsync();
        await using var app = web.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(logs))));
        var east = await ClientAsync(web, app, StaffRole.FieldCoordinator, "east");
        string[] markers = ["Zorblax Markerhyun", "마커순", "Markertown-Hoeryong", "Markerplace Yanji", "markercontact@wechat", "Markernotes: the broker is"];
        var code = await CreateAsync(east, new { compartment = "east", fullName = markers[0], birthDate = "1990-02-03", sex = "F", hometown = markers[2], location = markers[3], contact = markers[4], notes = markers[5] });
        await CreateAsync(east, new { compartment = "east", fullName = markers[1], sex = "F" });
        Assert.Equal(HttpStatusCode.OK, (await east.GetAsync($"/api/cases/{code}")).StatusCode);
        await east.PostAsJsonAsync("/api/cases/match", new { fullName = markers[0] });
        await east.PostAsJsonAsync("/api/cases", new { compartment = "east", fullName = markers[0], birthDate = "1990-13" });

        Assert.NotEmpty(logs);
        var logText = string.Join('\n', logs);
        foreach (var file in new[] { "crossing.db", "crossing.db-wal" }.Select(f => Path.Combine(web.Storage.DataDirectory, f)).Where(File.Exists))
        {
            var bytes = ReadShared(file);
            foreach (var marker in markers)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"'{marker}' in {Path.GetFileName(file)}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) < 0, $"'{marker}' (UTF-16) in {Path.GetFileName(file)}");
            }
        }
        foreach (var marker in markers)
            Assert.DoesNotContain(marker, logText, StringComparison.Ordinal);
        Assert.DoesNotContain("1990-02-03", logText, StringComparison.Ordinal);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
