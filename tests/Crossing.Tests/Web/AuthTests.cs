using System.Net;
using System.Net.Http.Json;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Web;

public sealed class AuthTests
{
    private sealed record Me(string Code, string Role, string[] Compartments);

    /// <summary>The redirect target as a site-relative path, whether the server wrote it absolute or relative.</summary>
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Password_and_code_sign_in_and_tokens_work_on_every_database(DatabaseProvider provider)
    {
        await using var web = await WebFactory.CreateAsync(provider);
        var staff = await web.AddStaffAsync(StaffRole.Resettlement, ["resettlement"]);
        var token = await web.IssueTokenAsync(staff);

        var cookie = await web.SignedInClientAsync(staff);
        var bearer = web.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(staff.Code, (await cookie.GetFromJsonAsync<Me>("/api/me"))!.Code);
        Assert.Equal(staff.Code, (await bearer.GetFromJsonAsync<Me>("/api/me"))!.Code);
    }

    [Fact]
    public async Task Password_only_sign_in_reaches_enrolment_and_no_data_page()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(enrolled: false);
        var client = web.NewClient();

        var signIn = await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Account/Enrol", Location(signIn));

        foreach (var page in new[] { "/", "/Account/Sessions" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Enrol?returnUrl=", Location(response));
        }
        var api = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Enrol")).StatusCode);
    }

    [Fact]
    public async Task Enrolling_with_a_code_from_the_shown_key_opens_the_api_as_that_staff_member()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"], enrolled: false);
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);

        var page = await (await client.GetAsync("/Account/Enrol")).Content.ReadAsStringAsync();
        var shownKey = System.Text.RegularExpressions.Regex.Match(page, "id=\"authenticator-key\">([a-z2-7 ]+)<").Groups[1].Value;
        Assert.NotEmpty(shownKey);
        var qr = await client.GetAsync("/Account/Enrol?handler=Qr");
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.True(qr.Headers.CacheControl?.NoStore);

        var wrong = await WebFactory.PostFormAsync(client, "/Account/Enrol", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        var enrolled = staff with { AuthenticatorKey = shownKey };
        var done = await WebFactory.PostFormAsync(client, "/Account/Enrol", new Dictionary<string, string> { ["Code"] = enrolled.CurrentCode() });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("id=\"recovery-codes\"", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var me = await client.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal(new[] { staff.Code, "field-coordinator", "east" }, new[] { me!.Code, me.Role, me.Compartments.Single() });
        Assert.True(await web.InScopeAsync(async s => (await s.GetRequiredService<UserManager<StaffMember>>().FindByIdAsync(staff.Id.ToString()))!.TwoFactorEnabled));
    }

    [Fact]
    public async Task Enrolled_account_needs_the_current_code_after_the_password()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var wrong = await WebFactory.PostFormAsync(client, "/Account/Verify", new Dictionary<string, string> { ["Code"] = "123456" == staff.CurrentCode() ? "654321" : "123456" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        var right = await WebFactory.PostFormAsync(client, "/Account/Verify", new Dictionary<string, string> { ["Code"] = staff.CurrentCode() });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_make_the_address_wait_so_the_right_one_fails_too_without_locking_the_account()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = web.NewClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await WebFactory.SubmitPasswordAsync(client, staff.Email, "wrong-password-" + i)).StatusCode);
        var right = await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Try again after", await right.Content.ReadAsStringAsync());
        Assert.False(await web.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffMember>>();
            return await users.IsLockedOutAsync((await users.FindByIdAsync(staff.Id.ToString()))!);
        }));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_of_that_staff_member_only()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var colleague = await web.AddStaffAsync();
        var laptop = await web.SignedInClientAsync(staff);
        var phone = await web.SignedInClientAsync(staff);
        var colleagues = await web.SignedInClientAsync(colleague);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode);

        var signOut = await WebFactory.PostFormAsync(laptop, "/Account/Sessions", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var page = await phone.GetAsync("/Account/Sessions");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/SignIn", Location(page));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleagues.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_stays_signed_in_with_its_second_factor_across_requests()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = await web.SignedInClientAsync(await web.AddStaffAsync());

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Bearer_token_acts_as_its_own_staff_member_and_never_as_another()
    {
        await using var web = await WebFactory.CreateAsync();
        var a = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var b = await web.AddStaffAsync(StaffRole.FieldManager, ["east", "west"]);
        var token = await web.IssueTokenAsync(a);

        var tokenOnly = web.NewClient();
        tokenOnly.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await tokenOnly.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal(a.Code, me!.Code);
        Assert.Equal("field-coordinator", me.Role);
        Assert.Equal(["east"], me.Compartments);

        // Signed in as B in the same client, the token still speaks for A only.
        var both = await web.SignedInClientAsync(b);
        Assert.Equal(b.Code, (await both.GetFromJsonAsync<Me>("/api/me"))!.Code);
        both.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(a.Code, (await both.GetFromJsonAsync<Me>("/api/me"))!.Code);
    }

    [Fact]
    public async Task Revoked_token_is_refused_exactly_like_an_unknown_one()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var token = await web.IssueTokenAsync(staff);
        var client = web.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await web.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffMember>>();
            return await s.GetRequiredService<StaffDirectory>().RevokeTokensAsync((await users.FindByIdAsync(staff.Id.ToString()))!, WebFactory.Actor);
        });
        var revoked = await client.GetAsync("/api/me");
        client.DefaultRequestHeaders.Authorization = new("Bearer", "crs_" + new string('A', 43));
        var unknown = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        // Identical apart from the per-request trace id that every problem carries for support.
        Assert.Equal(WithoutTraceId(await unknown.Content.ReadAsStringAsync()), WithoutTraceId(await revoked.Content.ReadAsStringAsync()));
        Assert.Equal("Bearer", revoked.Headers.WwwAuthenticate.Single().Scheme);
    }

    private static string WithoutTraceId(string problem)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        Assert.True(json.Remove("traceId"), "a problem without a trace id");
        return json.ToJsonString();
    }

    public static TheoryData<string> MalformedHeaders =>
    [
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-crossing-token",
        "Bearer crs_" + new string('x', 5000),
        "Bearer crs_%00%ff\u00e9\u00e9",
        "crs_AAAA",
        "Bearer crs_a crs_b",
    ];

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Malformed_authorization_header_gets_the_plain_401(string header)
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_do_not_accept_bearer_tokens()
    {
        await using var web = await WebFactory.CreateAsync();
        var token = await web.IssueTokenAsync(await web.AddStaffAsync());
        var client = web.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var page = await client.GetAsync("/Account/Sessions");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/SignIn", Location(page));
    }

    [Fact]
    public async Task Tampered_session_cookie_is_treated_as_signed_out()
    {
        await using var web = await WebFactory.CreateAsync();
        var signedIn = await web.SignedInClientAsync(await web.AddStaffAsync());
        var cookie = (await signedIn.GetAsync("/Account/Sessions")).Headers.TryGetValues("Set-Cookie", out var set)
            ? set.First(c => c.StartsWith("__Host-crossing=", StringComparison.Ordinal))
            : throw new InvalidOperationException("No session cookie was renewed.");
        var value = cookie["__Host-crossing=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        var tampered = value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..];

        foreach (var forged in new[] { tampered, value[..^8], "garbage" })
        {
            var client = web.NewClient();
            var page = new HttpRequestMessage(HttpMethod.Get, "/Account/Sessions");
            page.Headers.Add("Cookie", "__Host-crossing=" + forged);
            var response = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn", Location(response));

            var api = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            api.Headers.Add("Cookie", "__Host-crossing=" + forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(api)).StatusCode);
        }
    }

    [Fact]
    public async Task Sign_in_steps_are_audited_under_the_staff_code_never_the_email()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, "wrong-password-1");
        await WebFactory.SubmitPasswordAsync(client, "nobody@test.crossing.invalid", "wrong-password-1");
        client = await web.SignedInClientAsync(staff);
        await WebFactory.PostFormAsync(client, "/Account/SignOut", new Dictionary<string, string>());

        var events = await web.InScopeAsync(s => s.GetRequiredService<CrossingDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var mine = events.Where(e => e.Actor == "staff:" + staff.Code).Select(e => $"{e.Action}={e.Outcome}").ToList();
        Assert.Equal(
            ["signin.password=wrong-password", "signin.password=ok-second-factor-next", "signin.second-factor=ok", "signout=ok"],
            mine);
        Assert.Contains(events, e => e.Actor == "anonymous" && e.Action == "signin.password" && e.Outcome == "unknown-account");
        Assert.DoesNotContain(events, e => $"{e.Actor} {e.RecordCode} {e.Outcome}".Contains('@', StringComparison.Ordinal));
        Assert.True((await web.InScopeAsync(s => s.GetRequiredService<AuditVerifier>().VerifyAsync())).Intact);
    }
}
