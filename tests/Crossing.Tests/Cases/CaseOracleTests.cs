using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

/// <summary>
/// The duplicate check is not an oracle: a coordinator probing names and birth years learns exactly as much about
/// people hidden in another compartment as about people nobody holds (nothing), and every probe is audited.
/// </summary>
public sealed class CaseOracleTests
{
    private static readonly (string Name, string Birth)[] Hidden =
    [
        ("이명철", "1971"), ("박순희", "1965"), ("김지현", "1978"), ("최은희", "1960"), ("한영순", "1974"),
    ];

    private static readonly string[] NobodyHolds = ["류하늘", "Seo Min-jae", "남궁도윤", "Pyo Ga-eun", "탁서진"];

    private static async Task<HttpClient> ClientAsync(WebFactory web, StaffRole role, params string[] compartments)
    {
        var staff = await web.AddStaffAsync(role, compartments);
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        return client;
    }

    [Fact]
    public async Task Fifty_probes_about_hidden_people_answer_exactly_as_probes_about_nobody()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var west = await ClientAsync(web, StaffRole.FieldCoordinator, "west");
        foreach (var (name, birth) in Hidden)
        {
            var created = await east.PostAsJsonAsync("/api/cases", new { compartment = "east", fullName = name, birthDate = birth, sex = "F" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The attack from the issue: each hidden name (and a romanisation of it) against birth years 1960-1980,
        // beside the same probes for names nobody holds.
        var probes = new List<(string Name, string Birth, bool AboutHidden)>();
        string[] romanised = ["Lee Myung-chul", "Park Soon-hee", "Kim Ji-hyun", "Choi Eun-hee", "Han Young-soon"];
        for (var i = 0; i < 25; i++)
        {
            var hiddenName = i % 2 == 0 ? Hidden[i % Hidden.Length].Name : romanised[i % romanised.Length];
            probes.Add((hiddenName, (1960 + i % 21).ToString(System.Globalization.CultureInfo.InvariantCulture), true));
            probes.Add((NobodyHolds[i % NobodyHolds.Length], (1960 + i % 21).ToString(System.Globalization.CultureInfo.InvariantCulture), false));
        }
        // The exact birth years of the hidden people are among the probes.
        Assert.All(Hidden, h => Assert.Contains(probes, p => p.AboutHidden && p.Birth == h.Birth));

        var answers = new List<(bool AboutHidden, HttpStatusCode Status, string Body, string? Type)>();
        foreach (var (name, birth, aboutHidden) in probes)
        {
            var response = await west.PostAsJsonAsync("/api/cases/match", new { fullName = name, birthDate = birth });
            answers.Add((aboutHidden, response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString()));
        }

        Assert.Equal(50, answers.Count);
        var reference = answers.First(a => !a.AboutHidden);
        Assert.Equal(HttpStatusCode.OK, reference.Status);
        Assert.Equal("""{"candidates":[]}""", reference.Body);
        Assert.All(answers, a =>
        {
            Assert.Equal(reference.Status, a.Status);
            Assert.Equal(reference.Body, a.Body);
            Assert.Equal(reference.Type, a.Type);
        });

        // No alert was raised by looking, and every probe left a trace.
        await web.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrossingDbContext>();
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == "case.duplicate-alert"));
            Assert.Equal(0, await db.DuplicateAlerts.IgnoreQueryFilters().CountAsync());
            var westActors = await db.AuditEvents.Where(e => e.Action == "case.match").GroupBy(e => e.Actor).Select(g => g.Count()).ToListAsync();
            Assert.Contains(50, westActors);
            return 0;
        });
    }

    [Fact]
    public async Task A_caller_with_no_compartment_gets_nothing_from_a_look_up()
    {
        await using var web = await WebFactory.CreateAsync();
        var east = await ClientAsync(web, StaffRole.FieldCoordinator, "east");
        var nowhere = await ClientAsync(web, StaffRole.FieldCoordinator);
        await east.PostAsJsonAsync("/api/cases", new { compartment = "east", fullName = "이명철", birthDate = "1971", sex = "M" });

        var response = await nowhere.PostAsJsonAsync("/api/cases/match", new { fullName = "이명철", birthDate = "1971" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"candidates":[]}""", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The compartment filter in the data layer: no caller, no rows; a caller, their compartments; across them only through an audited, named bypass.</summary>
public sealed class CompartmentFilterTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Queries_without_a_caller_return_no_compartmented_rows(DatabaseProvider provider)
    {
        await using var world = await CaseWorld.CreateAsync(provider);
        await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1971");
        await world.RecordAsync(world.WestCoordinator, "west", "박순희", "1965");

        await using var scope = world.Store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var callers = scope.ServiceProvider.GetRequiredService<CallerScope>();

        // Code that forgot the access policy, with nobody acting: nothing.
        Assert.Equal(0, await db.Cases.CountAsync());
        Assert.Equal(0, await db.FamilyGroups.CountAsync());
        Assert.Empty(await db.Cases.Where(c => c.Code.StartsWith("C-")).Select(c => c.Code).ToListAsync());

        // Acting for the east coordinator: only east's rows, even with no AccessPolicy call.
        using (callers.Use(world.EastCoordinator))
        {
            Assert.Equal(1, await db.Cases.CountAsync());
            var eastId = world.EastCoordinator.Compartments.Single();
            Assert.All(await db.Cases.ToListAsync(), c => Assert.Equal(eastId, c.CompartmentId));
        }

        // Back to nobody once the use ends.
        Assert.Equal(0, await db.Cases.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Reading_across_compartments_takes_a_named_bypass_that_is_audited_each_time(DatabaseProvider provider)
    {
        await using var world = await CaseWorld.CreateAsync(provider);
        await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1971");
        await world.RecordAsync(world.WestCoordinator, "west", "박순희", "1965");

        await using var scope = world.Store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var bypass = scope.ServiceProvider.GetRequiredService<CompartmentBypass>();
        var before = await db.AuditEvents.CountAsync(e => e.Action == "bypass:administration");

        Assert.Equal(2, await (await bypass.AcrossCompartmentsAsync<Case>(BypassReason.Administration, "test:admin", null)).CountAsync());
        Assert.Equal(2, await (await bypass.AcrossCompartmentsAsync<Case>(BypassReason.Administration, "test:admin", null)).CountAsync());

        Assert.Equal(before + 2, await db.AuditEvents.CountAsync(e => e.Action == "bypass:administration"));
        Assert.All(BypassReason.All, r => Assert.Matches("^[a-z][a-z-]+$", r.Name));
    }

    [Fact]
    public async Task A_hidden_case_is_not_found_by_code_even_when_the_caller_guesses_it()
    {
        await using var world = await CaseWorld.CreateAsync();
        var code = await world.RecordAsync(world.EastCoordinator, "east", "이명철", "1971");
        var found = await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().FindAsync(world.WestCoordinator, code));
        Assert.Null(found);
        // Lower case, padding and odd Unicode spaces around a real code change nothing.
        foreach (var guess in new[] { code.ToLowerInvariant(), " " + code + " ", code + "\u00A0", code.Replace("-", "\u2011", StringComparison.Ordinal) })
            Assert.Null(await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().FindAsync(world.WestCoordinator, guess)));
    }
}
