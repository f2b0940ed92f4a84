using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Crossing.Tests.Resettlement.ResettlementApi;

namespace Crossing.Tests.Resettlement;

public sealed class ReunificationTests
{
    [Fact]
    public async Task A_new_relative_matching_a_case_in_another_compartment_raises_an_alert_with_codes_only()
    {
        await using var web = await WebFactory.CreateAsync();
        var (east, _) = await StaffAsync(web, StaffRole.FieldCoordinator, "east");
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (eastManager, _) = await StaffAsync(web, StaffRole.FieldManager, "east");
        var sister = await RecordCaseAsync(east, "east", "Kim Ji-hyun", "1994-03");
        var seeker = await RecordCaseAsync(worker, "resettlement", "Park Min-jun", "1990");

        var added = await AddRelativeAsync(worker, seeker, "김지현", "sister", 1994, "Hyesan");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var addedBody = await added.Content.ReadAsStringAsync();
        Assert.DoesNotContain(sister, addedBody, StringComparison.Ordinal);

        var seen = Assert.Single(await AlertsAsync(worker));
        Assert.Equal(seeker, seen.GetProperty("seeker").GetString());
        Assert.Equal(sister, seen.GetProperty("candidate").GetString());
        Assert.Equal("sister", seen.GetProperty("relation").GetString());
        Assert.InRange(seen.GetProperty("score").GetDouble(), 0.8, 1.0);
        Assert.Equal(["id", "seeker", "candidate", "relation", "score"], seen.EnumerateObject().Select(p => p.Name));
        var raw = await worker.GetStringAsync("/api/reunification/alerts");
        foreach (var identity in new[] { "Kim", "지현", "Hyesan", "Park", "Min" })
            Assert.DoesNotContain(identity, raw, StringComparison.OrdinalIgnoreCase);

        var managerSees = Assert.Single(await AlertsAsync(eastManager));
        Assert.Equal(seen.GetProperty("id").GetString(), managerSees.GetProperty("id").GetString());

        var audited = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.Action == "bypass:reunification-check" || e.Action == "reunification.alert").Select(e => e.Action + " " + e.RecordCode).ToListAsync());
        Assert.Contains("bypass:reunification-check " + seeker, audited);
        Assert.Contains("reunification.alert " + sister, audited);
        Assert.Contains("reunification.alert " + seeker, audited);
    }

    [Fact]
    public async Task A_new_case_matching_a_sought_relative_raises_an_alert_and_tells_the_recorder_nothing()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (west, _) = await StaffAsync(web, StaffRole.FieldCoordinator, "west");
        var (westManager, _) = await StaffAsync(web, StaffRole.FieldManager, "west");
        var seeker = await RecordCaseAsync(worker, "resettlement", "Choi Young-ho", "1961");
        Assert.Equal(HttpStatusCode.Created, (await AddRelativeAsync(worker, seeker, "Choi Eun-hee", "daughter", 1988)).StatusCode);
        Assert.Empty(await AlertsAsync(worker));

        var response = await west.PostAsJsonAsync("/api/cases", new { compartment = "west", fullName = "최은희", birthDate = "1988-07", sex = "F" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(recorded.GetProperty("possibleDuplicateElsewhere").GetBoolean());
        Assert.Equal(["code", "possibleDuplicateElsewhere"], recorded.EnumerateObject().Select(p => p.Name));
        var daughter = recorded.GetProperty("code").GetString();

        var alert = Assert.Single(await AlertsAsync(worker));
        Assert.Equal(seeker, alert.GetProperty("seeker").GetString());
        Assert.Equal(daughter, alert.GetProperty("candidate").GetString());
        Assert.Equal("daughter", alert.GetProperty("relation").GetString());
        Assert.Single(await AlertsAsync(westManager));
        Assert.Empty(await AlertsAsync(west));
    }

    [Fact]
    public async Task Alerts_are_invisible_to_staff_outside_both_compartments_and_a_decision_is_audited()
    {
        await using var web = await WebFactory.CreateAsync();
        var (east, _) = await StaffAsync(web, StaffRole.FieldCoordinator, "east");
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var sister = await RecordCaseAsync(east, "east", "Lee Soo-jin", "1985");
        var seeker = await RecordCaseAsync(worker, "resettlement", "Lee Mi-ok", "1983");
        Assert.Equal(HttpStatusCode.Created, (await AddRelativeAsync(worker, seeker, "Rhee Su-jin", "sister", 1985)).StatusCode);
        var id = Assert.Single(await AlertsAsync(worker)).GetProperty("id").GetString();

        var outsiders = new[]
        {
            await StaffAsync(web, StaffRole.FieldManager, "west"),
            await StaffAsync(web, StaffRole.FieldManager, "resettlement"),   // the seeker's compartment, but not resettlement staff
            await StaffAsync(web, StaffRole.Resettlement, "east"),          // the candidate's compartment, but not a field manager
            await StaffAsync(web, StaffRole.Resettlement, "west"),
            await StaffAsync(web, StaffRole.FieldCoordinator, "east"),
            await StaffAsync(web, StaffRole.Finance, "east", "resettlement"),
            await StaffAsync(web, StaffRole.Storyteller, "east", "resettlement"),
        };
        var unknown = await (await outsiders[0].Client.PostAsync($"/api/reunification/alerts/{Guid.NewGuid()}/confirm", null)).Content.ReadAsByteArrayAsync();
        foreach (var (client, _) in outsiders)
        {
            Assert.Empty(await AlertsAsync(client));
            var confirm = await client.PostAsync($"/api/reunification/alerts/{id}/confirm", null);
            Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
            Assert.Equal(unknown, await confirm.Content.ReadAsByteArrayAsync());
        }
        Assert.Single(await AlertsAsync(worker));

        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsync($"/api/reunification/alerts/{id}/confirm", null)).StatusCode);
        Assert.Empty(await AlertsAsync(worker));
        var decided = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.Action == "reunification.confirm").Select(e => e.RecordCode).ToListAsync());
        Assert.Equal(new[] { seeker, sister }.Order(), decided.Order());
    }

    [Theory]
    [InlineData("Kim")]
    [InlineData("김")]
    [InlineData("  PARK ")]
    public async Task A_relative_with_only_a_surname_is_refused_naming_the_field(string surname)
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var seeker = await RecordCaseAsync(worker, "resettlement", "Park Min-jun", "1990");

        var response = await AddRelativeAsync(worker, seeker, surname, "brother", 1992);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reason = Assert.Single(problem.GetProperty("errors").GetProperty("fullName").EnumerateArray()).GetString();
        Assert.Contains("surname alone", reason, StringComparison.Ordinal);
        var stored = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().BlindIndexEntries.CountAsync(e => e.EntityType == "relative"));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task A_relative_with_a_bad_relation_or_year_is_refused_field_by_field()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var seeker = await RecordCaseAsync(worker, "resettlement", "Park Min-jun", "1990");

        var response = await AddRelativeAsync(worker, seeker, "Park Min-ho", "friend", 1850);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["birthYear", "relation"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Resettlement_staff_get_the_cases_404_bytes_for_case_data_outside_their_compartments()
    {
        await using var web = await WebFactory.CreateAsync();
        var (east, _) = await StaffAsync(web, StaffRole.FieldCoordinator, "east");
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var hidden = await RecordCaseAsync(east, "east", "Kim Ji-hyun", "1994");

        var paths = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "/api/cases/{0}", null),
            (HttpMethod.Post, "/api/cases/{0}/relatives", new { fullName = "Kim Min-ji", relation = "sister", birthYear = 1990 }),
            (HttpMethod.Post, "/api/cases/{0}/consent", new { scope = "storytelling", pseudonym = "Mina", mayShowFace = false, until = "2030-12-31" }),
            (HttpMethod.Post, "/api/cases/{0}/consent/revoke", new { scope = "storytelling" }),
            (HttpMethod.Get, "/api/cases/{0}/consent", null),
        };
        foreach (var (method, path, body) in paths)
        {
            async Task<HttpResponseMessage> Send(string code)
            {
                using var request = new HttpRequestMessage(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, code));
                if (body is not null)
                    request.Content = JsonContent.Create(body);
                return await worker.SendAsync(request);
            }
            var forHidden = await Send(hidden);
            var forUnknown = await Send("C-ZZZZ");
            Assert.Equal(HttpStatusCode.NotFound, forHidden.StatusCode);
            Assert.Equal(await forUnknown.Content.ReadAsByteArrayAsync(), await forHidden.Content.ReadAsByteArrayAsync());
        }
        var relatives = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().BlindIndexEntries.CountAsync(e => e.EntityType == "relative"));
        Assert.Equal(0, relatives);
    }
}
