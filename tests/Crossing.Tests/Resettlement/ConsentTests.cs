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

public sealed class ConsentTests
{
    private static Task<bool> InForceAsync(WebFactory web, StaffCaller caller, string code, ConsentScope scope) =>
        web.InScopeAsync(sp => sp.GetRequiredService<ConsentRegistry>().IsInForceAsync(caller, code, scope));

    [Fact]
    public async Task Revoking_a_consent_stops_it_being_in_force_at_once_and_keeps_its_history()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, caller) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        Assert.False(await InForceAsync(web, caller, code, ConsentScope.Storytelling));

        var granted = await worker.PostAsJsonAsync($"/api/cases/{code}/consent", new { scope = "storytelling", pseudonym = "Mina", mayShowFace = false, until = "2030-12-31" });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        Assert.True(await InForceAsync(web, caller, code, ConsentScope.Storytelling));
        Assert.False(await InForceAsync(web, caller, code, ConsentScope.Photos));

        var revoked = await worker.PostAsJsonAsync($"/api/cases/{code}/consent/revoke", new { scope = "storytelling" });
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(await InForceAsync(web, caller, code, ConsentScope.Storytelling));

        var history = (await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/consent")).GetProperty("consents");
        var only = Assert.Single(history.EnumerateArray());
        Assert.False(only.GetProperty("inForce").GetBoolean());
        Assert.True(only.GetProperty("revokedAt").ValueKind == JsonValueKind.String);
        Assert.DoesNotContain("Mina", history.GetRawText(), StringComparison.Ordinal);

        var actions = await web.InScopeAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents
            .Where(e => e.RecordCode == code && e.Action.StartsWith("consent.")).Select(e => e.Action).ToListAsync());
        Assert.Equal(["consent.grant:storytelling", "consent.revoke:storytelling"], actions);
    }

    [Fact]
    public async Task Consent_for_a_case_the_caller_may_not_see_is_never_in_force_for_them()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var (_, outsider) = await StaffAsync(web, StaffRole.FieldCoordinator, "east");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/cases/{code}/consent", new { scope = "contact" })).StatusCode);
        Assert.False(await InForceAsync(web, outsider, code, ConsentScope.Contact));
    }

    [Fact]
    public async Task A_consent_with_an_unknown_scope_or_a_past_end_date_is_refused_field_by_field()
    {
        await using var web = await WebFactory.CreateAsync();
        var (worker, _) = await StaffAsync(web, StaffRole.Resettlement, "resettlement");
        var code = await RecordCaseAsync(worker, "resettlement", "Han Mi-na", "1996");
        var response = await worker.PostAsJsonAsync($"/api/cases/{code}/consent", new { scope = "everything", until = "2001-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["scope", "until"], errors.EnumerateObject().Select(p => p.Name).Order());
    }
}
