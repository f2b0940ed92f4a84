using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Crossing.Tests.Journeys;

/// <summary>Builds a small route network through the real API: safe houses, partners, a route, a window, a case group, a journey.</summary>
public static class JourneyApi
{
    public static async Task<HttpClient> ClientAsync(WebFactory web, StaffRole role, params string[] compartments) =>
        await ClientAsync(web, web, role, compartments);

    public static async Task<HttpClient> ClientAsync<T>(WebFactory web, WebApplicationFactory<T> app, StaffRole role, params string[] compartments)
        where T : class
    {
        var staff = await web.AddStaffAsync(role, compartments);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        return client;
    }

    public static async Task<string> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    public static Task<string> SafeHouseAsync(HttpClient client, string compartment, string name = "House", string address = "Somewhere 1") =>
        CreateAsync(client, "/api/safe-houses", new { compartment, name, address, contact = "wechat" });

    public static Task<string> PartnerAsync(HttpClient client, string compartment, string role = "driver", string name = "Partner") =>
        CreateAsync(client, "/api/partners", new { compartment, name, role, contact = "signal", notes = "reliable" });

    /// <summary>A route of <paramref name="legs"/> legs through new safe houses, with one new partner per leg.</summary>
    public static async Task<(string Route, string[] Houses, string[] Partners)> RouteAsync(HttpClient client, string compartment, int legs = 2)
    {
        var houses = new string[legs + 1];
        for (var i = 0; i <= legs; i++)
            houses[i] = await SafeHouseAsync(client, compartment);
        var partners = new string[legs];
        for (var i = 0; i < legs; i++)
            partners[i] = await PartnerAsync(client, compartment);
        var route = await CreateAsync(client, "/api/routes", new
        {
            compartment, name = "test route",
            legs = Enumerable.Range(0, legs).Select(i => new { from = houses[i], to = houses[i + 1], partners = new[] { partners[i] } }).ToArray(),
        });
        return (route, houses, partners);
    }

    public static Task<string> WindowAsync(HttpClient client, string route, int inDays = 7, int capacity = 6) =>
        CreateAsync(client, $"/api/routes/{route}/windows", new { date = Day(inDays), capacity, currency = "CNY" });

    public static async Task<(string Group, string[] Cases)> GroupAsync(HttpClient client, string compartment, int people = 2)
    {
        var first = await CreateAsync(client, "/api/cases", new { compartment, fullName = "김영희", sex = "F" });
        var group = JsonDocument.Parse(await client.GetStringAsync($"/api/cases/{first}")).RootElement.GetProperty("familyGroup").GetString()!;
        var cases = new List<string> { first };
        for (var i = 1; i < people; i++)
            cases.Add(await CreateAsync(client, "/api/cases", new { compartment, fullName = "김철수", sex = "M", familyGroup = group }));
        return (group, [.. cases]);
    }

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
