using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Resettlement;

/// <summary>Clients of the real web app for resettlement tests, one per staff member, signed in by token.</summary>
internal static class ResettlementApi
{
    public static async Task<(HttpClient Client, StaffCaller Caller)> StaffAsync(WebFactory web, StaffRole role, params string[] compartments)
    {
        var staff = await web.AddStaffAsync(role, compartments);
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        var caller = await web.InScopeAsync(sp => sp.GetRequiredService<StaffDirectory>().CallerAsync(staff.Id));
        return (client, caller!);
    }

    public static async Task<string> RecordCaseAsync(HttpClient client, string compartment, string fullName, string? birthDate = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { compartment, fullName, birthDate, sex = "F" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> AddRelativeAsync(HttpClient client, string code, string fullName, string relation, int? birthYear = null, string? lastKnownPlace = null) =>
        client.PostAsJsonAsync($"/api/cases/{code}/relatives", new { fullName, relation, birthYear, lastKnownPlace });

    public static async Task<List<JsonElement>> AlertsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/reunification/alerts");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("alerts").EnumerateArray()];
    }
}
