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

public sealed class ProgrammeTests
{
    private static async Task<string> CreateProgrammeAsync(HttpClient client, int capacity, string kind = "leadership")
    {
        var response = await client.PostAsJsonAsync("/api/programmes", new { kind, title = "Future leaders", startsOn = "2027-03-01", endsOn = "2027-09-30", capacity });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string programme, string code) =>
        client.PostAsJsonAsync($"/api/programmes/{programme}/registrations", new { @case = code });

    private static async Task<JsonElement> DetailAsync(HttpClient client, string programme)
    {
        var response = await client.GetAsync($"/api/programmes/{programme}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_registration_over_capacity_goes_to_the_waiting_list_and_the_first_waiting_takes_a_freed_place(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (other, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement-south");
        var programme = await CreateProgrammeAsync(worker, capacity: 2);
        var first = await RecordCaseAsync(worker, "resettlement", "Kim Mi-ran", "1990");
        var second = await RecordCaseAsync(worker, "resettlement", "Kang Cheol-su", "1975");
        var waitingElsewhere = await RecordCaseAsync(other, "resettlement-south", "Oh Sun-ja", "1962");
        var waitingHere = await RecordCaseAsync(worker, "resettlement", "Lee Young-hee", "1985");

        Assert.Equal("registered", (await (await RegisterAsync(worker, programme, first)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(worker, programme, second)).StatusCode);
        var full = await RegisterAsync(other, programme, waitingElsewhere);
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        var fullBody = await full.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("waiting", fullBody.GetProperty("status").GetString());
        Assert.Equal(1, fullBody.GetProperty("waitingPosition").GetInt32());
        Assert.Contains("full (2 places)", fullBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("waiting list, number 1", fullBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await (await RegisterAsync(worker, programme, waitingHere)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waitingPosition").GetInt32());

        var counts = (await DetailAsync(worker, programme)).GetProperty("programme");
        Assert.Equal((2, 0, 2), (counts.GetProperty("placesTaken").GetInt32(), counts.GetProperty("placesLeft").GetInt32(), counts.GetProperty("waiting").GetInt32()));

        // A place frees up in the worker's compartment: the first waiting, in the other compartment, takes it; the worker is not told who.
        var withdrawn = await worker.PostAsync($"/api/programmes/{programme}/registrations/{second}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.DoesNotContain(waitingElsewhere, await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherSees = Assert.Single((await DetailAsync(other, programme)).GetProperty("registrations").EnumerateArray());
        Assert.Equal("registered", otherSees.GetProperty("status").GetString());
        var workerSees = (await DetailAsync(worker, programme)).GetProperty("registrations").EnumerateArray()
            .ToDictionary(r => r.GetProperty("case").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { [first] = "registered", [waitingHere] = "waiting", [second] = "withdrawn" }, workerSees);
        counts = (await DetailAsync(worker, programme)).GetProperty("programme");
        Assert.Equal((2, 1), (counts.GetProperty("placesTaken").GetInt32(), counts.GetProperty("waiting").GetInt32()));

        var audited = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.Action.StartsWith("programme.") || e.Action == "bypass:programme-waiting-list").Select(e => e.Action + " " + e.RecordCode).ToListAsync());
        Assert.Contains("programme.promote " + waitingElsewhere, audited);
        Assert.Contains("bypass:programme-waiting-list ", audited);
    }

    [Fact]
    public async Task Concurrent_registrations_never_take_more_places_than_the_capacity()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var programme = await CreateProgrammeAsync(worker, capacity: 3, kind: "summit");
        var codes = new List<string>();
        foreach (var name in new[] { "Kim Mi-ran", "Kang Cheol-su", "Oh Sun-ja", "Lee Young-hee", "Park Ji-won", "Choi Min-ho", "Jung Eun-ji", "Han So-yeon" })
            codes.Add(await RecordCaseAsync(worker, "resettlement", name, "1990"));

        var responses = await Task.WhenAll(codes.Select(code => RegisterAsync(worker, programme, code)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var statuses = (await DetailAsync(worker, programme)).GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(3, statuses.Count(s => s == "registered"));
        Assert.Equal(5, statuses.Count(s => s == "waiting"));
        var counts = (await DetailAsync(worker, programme)).GetProperty("programme");
        Assert.Equal((3, 5), (counts.GetProperty("placesTaken").GetInt32(), counts.GetProperty("waiting").GetInt32()));
    }

    [Fact]
    public async Task A_participant_sees_nothing_of_other_participants_and_other_compartments_get_one_404()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (other, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement-south");
        var programme = await CreateProgrammeAsync(worker, capacity: 5, kind: "mentoring");
        var mine = await RecordCaseAsync(worker, "resettlement", "Kim Mi-ran", "1990");
        var theirs = await RecordCaseAsync(other, "resettlement-south", "Oh Sun-ja", "1962");
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(worker, programme, mine)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(other, programme, theirs)).StatusCode);

        var seenByOther = await other.GetStringAsync($"/api/programmes/{programme}");
        Assert.DoesNotContain(mine, seenByOther, StringComparison.Ordinal);
        Assert.Contains(theirs, seenByOther, StringComparison.Ordinal);
        var personal = await worker.GetStringAsync($"/api/cases/{mine}/programmes");
        Assert.DoesNotContain(theirs, personal, StringComparison.Ordinal);
        Assert.Single((await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{mine}/programmes")).GetProperty("programmes").EnumerateArray());

        var unknownProgramme = Guid.NewGuid();
        // Each pair: the hidden record's request and the unknown one's; both answers are the same 404 bytes.
        var probes = new (HttpMethod Method, string Hidden, object? HiddenBody, string Unknown, object? UnknownBody)[]
        {
            (HttpMethod.Post, $"/api/programmes/{programme}/registrations/{theirs}/withdraw", null, $"/api/programmes/{programme}/registrations/C-ZZZZ/withdraw", null),
            (HttpMethod.Post, $"/api/programmes/{programme}/registrations/{theirs}/attendance", new { }, $"/api/programmes/{programme}/registrations/C-ZZZZ/attendance", new { }),
            (HttpMethod.Post, $"/api/programmes/{programme}/registrations", new { @case = theirs }, $"/api/programmes/{programme}/registrations", new { @case = "C-ZZZZ" }),
            (HttpMethod.Post, $"/api/programmes/{programme}/registrations", new { @case = theirs }, $"/api/programmes/{unknownProgramme}/registrations", new { @case = mine }),
            (HttpMethod.Get, $"/api/cases/{theirs}/programmes", null, "/api/cases/C-ZZZZ/programmes", null),
        };
        foreach (var (method, hidden, hiddenBody, unknown, unknownBody) in probes)
        {
            async Task<HttpResponseMessage> Send(string path, object? content)
            {
                using var request = new HttpRequestMessage(method, path);
                if (content is not null)
                    request.Content = JsonContent.Create(content);
                return await worker.SendAsync(request);
            }
            var forHidden = await Send(hidden, hiddenBody);
            var forUnknown = await Send(unknown, unknownBody);
            Assert.Equal(HttpStatusCode.NotFound, forHidden.StatusCode);
            Assert.Equal(await forUnknown.Content.ReadAsByteArrayAsync(), await forHidden.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/programmes/{unknownProgramme}")).StatusCode);

        // Someone without case access (finance) learns nothing of programmes at all.
        var (finance, _) = await StaffAsync(web, StaffRole.Finance, "resettlement");
        var financeList = await finance.GetAsync("/api/programmes");
        Assert.Equal(HttpStatusCode.NotFound, financeList.StatusCode);
    }

    [Fact]
    public async Task Bad_programmes_duplicates_and_attendance_are_refused_with_clear_messages_and_nothing_changes()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");

        var bad = await worker.PostAsJsonAsync("/api/programmes", new { kind = "party", title = "x", startsOn = "1 March", endsOn = "2027-01-01", capacity = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["capacity", "kind", "startsOn", "title"], errors.EnumerateObject().Select(p => p.Name).Order());
        var backwards = await worker.PostAsJsonAsync("/api/programmes", new { kind = "summit", title = "Summit", startsOn = "2027-03-01", endsOn = "2027-01-01", capacity = 50 });
        Assert.Equal(["endsOn"], (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty((await worker.GetFromJsonAsync<JsonElement>("/api/programmes")).GetProperty("programmes").EnumerateArray());

        var programme = await CreateProgrammeAsync(worker, capacity: 1, kind: "scholarship");
        var person = await RecordCaseAsync(worker, "resettlement", "Kim Mi-ran", "1990");
        var waiting = await RecordCaseAsync(worker, "resettlement", "Kang Cheol-su", "1975");
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(worker, programme, person)).StatusCode);
        var twice = await RegisterAsync(worker, programme, person);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("already registered", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync($"/api/programmes/{programme}/registrations", new { @case = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(worker, programme, waiting)).StatusCode);

        var attended = await worker.PostAsJsonAsync($"/api/programmes/{programme}/registrations/{person}/attendance", new { attendedOn = "2027-03-02" });
        Assert.Equal(HttpStatusCode.OK, attended.StatusCode);
        var again = await worker.PostAsJsonAsync($"/api/programmes/{programme}/registrations/{person}/attendance", new { attendedOn = "2027-03-02" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already recorded", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notRegistered = await worker.PostAsJsonAsync($"/api/programmes/{programme}/registrations/{waiting}/attendance", new { });
        Assert.Equal(HttpStatusCode.BadRequest, notRegistered.StatusCode);
        var badDate = await worker.PostAsJsonAsync($"/api/programmes/{programme}/registrations/{person}/attendance", new { attendedOn = "yesterday" });
        Assert.Equal(["attendedOn"], (await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var detail = await DetailAsync(worker, programme);
        Assert.Equal((1, 1), (detail.GetProperty("programme").GetProperty("placesTaken").GetInt32(), detail.GetProperty("programme").GetProperty("waiting").GetInt32()));
        var me = detail.GetProperty("registrations").EnumerateArray().Single(r => r.GetProperty("case").GetString() == person);
        Assert.Equal(1, me.GetProperty("attended").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsync($"/api/programmes/{programme}/registrations/{waiting}/withdraw", null)).StatusCode);
        var withdrawnTwice = await worker.PostAsync($"/api/programmes/{programme}/registrations/{waiting}/withdraw", null);
        Assert.Equal(HttpStatusCode.BadRequest, withdrawnTwice.StatusCode);
        detail = await DetailAsync(worker, programme);
        Assert.Equal((1, 0), (detail.GetProperty("programme").GetProperty("placesTaken").GetInt32(), detail.GetProperty("programme").GetProperty("waiting").GetInt32()));
    }
}
