using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Crossing.Tests.Web;

/// <summary>Each test repeats an attack that worked on the web host before hardening, and shows it now fails.</summary>
public sealed partial class HardeningWebTests
{
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    private static async Task<HttpResponseMessage> VerifyAsync(HttpClient client, string code) =>
        await WebFactory.PostFormAsync(client, "/Account/Verify", new Dictionary<string, string> { ["Code"] = code });

    private static string CodeAt(TestStaff staff, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(staff.AuthenticatorKey!), step: 30).ComputeTotp(at.UtcDateTime);

    [Fact]
    public async Task The_same_authenticator_code_signs_in_once_and_is_refused_the_second_and_third_time()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var code = staff.CurrentCode();
        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var client = web.NewClient();
            await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);
            outcomes.Add((await VerifyAsync(client, code)).StatusCode);
            outcomes.Add((await client.GetAsync("/api/me")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], outcomes);
    }

    [Fact]
    public async Task A_code_from_two_steps_ago_is_refused_and_one_from_the_previous_step_is_accepted()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);

        // Each code is computed just before it is sent, so a slow machine cannot move it into the window.
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, CodeAt(staff, DateTimeOffset.UtcNow.AddSeconds(-60)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, CodeAt(staff, DateTimeOffset.UtcNow.AddSeconds(60)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await VerifyAsync(client, CodeAt(staff, DateTimeOffset.UtcNow.AddSeconds(-30)))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_shown_at_enrolment_signs_in_once_instead_of_a_code()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(enrolled: false);
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);
        var page = await (await client.GetAsync("/Account/Enrol")).Content.ReadAsStringAsync();
        var key = Regex.Match(page, "id=\"authenticator-key\">([a-z2-7 ]+)<").Groups[1].Value;
        var enrolled = staff with { AuthenticatorKey = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() };
        var done = await WebFactory.PostFormAsync(client, "/Account/Enrol", new Dictionary<string, string> { ["Code"] = enrolled.CurrentCode() });
        var codes = RecoveryCode().Matches(await done.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            var other = web.NewClient();
            await WebFactory.SubmitPasswordAsync(other, staff.Email, staff.Password);
            // Typed the way a person copies it off paper: lower case, spaces for dashes.
            var typed = codes[3].ToLowerInvariant().Replace('-', ' ');
            outcomes.Add((await WebFactory.PostFormAsync(other, "/Account/Verify", new Dictionary<string, string> { ["RecoveryCode"] = typed })).StatusCode);
            outcomes.Add((await other.GetAsync("/api/me")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized], outcomes);
    }

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_stops_working_after_it()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = web.NewClient();
        await WebFactory.SubmitPasswordAsync(client, staff.Email, staff.Password);
        var verified = await VerifyAsync(client, staff.CurrentCode());
        var cookie = verified.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("__Host-crossing=", StringComparison.Ordinal));
        var copied = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(web, copied)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await WebFactory.PostFormAsync(client, "/Account/SignOut", new Dictionary<string, string>())).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(web, copied)).StatusCode);
    }

    private static Task<HttpResponseMessage> WithCookie(WebFactory web, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return web.NewClient().SendAsync(request);
    }

    [Fact]
    public async Task An_expired_token_gets_the_same_401_bytes_as_an_unknown_one()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var token = await web.IssueTokenAsync(staff);
        var client = web.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await web.InScopeAsync(s => s.GetRequiredService<CrossingDbContext>().ApiTokens
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var expired = await client.GetAsync("/api/me");
        client.DefaultRequestHeaders.Authorization = new("Bearer", "crs_" + new string('A', 43));
        var unknown = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(WithoutTraceId(await unknown.Content.ReadAsStringAsync()), WithoutTraceId(await expired.Content.ReadAsStringAsync()));
        Assert.Equal(unknown.Headers.WwwAuthenticate.ToString(), expired.Headers.WwwAuthenticate.ToString());
    }

    private static string WithoutTraceId(string problem)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }

    [Fact]
    public async Task A_service_account_cannot_sign_in_on_a_page_even_if_a_password_were_set_and_its_token_works()
    {
        await using var web = await WebFactory.CreateAsync();
        var (email, token) = await web.InScopeAsync(async s =>
        {
            var directory = s.GetRequiredService<StaffDirectory>();
            var service = await directory.AddServiceAccountAsync("nightly-export@automation.example", StaffRole.FieldManager, [], WebFactory.Actor);
            // As if someone with database access gave it a password anyway.
            await s.GetRequiredService<UserManager<StaffMember>>().AddPasswordAsync(service, WebFactory.TestPassword);
            return (service.Email!, await directory.IssueTokenAsync(service, WebFactory.Actor));
        });
        var client = web.NewClient();

        var signIn = await WebFactory.SubmitPasswordAsync(client, email, WebFactory.TestPassword);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign-in failed", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("__Host-crossing", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var bearer = web.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_anyone_neither_lock_the_account_nor_end_its_session_and_the_wait_ends()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var web = await WebFactory.CreateAsync(configure: b => b.ConfigureTestServices(s => s.AddSingleton(new Crossing.Web.Security.SignInThrottle(clock))));
        var staff = await web.AddStaffAsync();
        var token = await web.IssueTokenAsync(staff);
        var session = await web.SignedInClientAsync(staff);
        var stranger = web.NewClient();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N") + "@test.crossing.invalid";
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await WebFactory.SubmitPasswordAsync(stranger, staff.Email, "wrong-password-" + i);
            answers.Add(Message(await (await WebFactory.SubmitPasswordAsync(stranger, unknown, "wrong-password-" + i)).Content.ReadAsStringAsync()));
        }
        var realAnswer = Message(await (await WebFactory.SubmitPasswordAsync(web.NewClient(), staff.Email, staff.Password)).Content.ReadAsStringAsync());

        var bearer = web.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        // An unknown address is answered like a real one, failure for failure: the wait tells nothing.
        Assert.Contains("Sign-in failed", answers[0], StringComparison.Ordinal);
        Assert.Contains("Try again after", answers[4], StringComparison.Ordinal);
        Assert.Equal(answers[4], realAnswer);

        clock.Advance(Crossing.Web.Security.SignInThrottle.LongestWait);
        var later = await WebFactory.SubmitPasswordAsync(web.NewClient(), staff.Email, staff.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.StartsWith("/Account/Verify", Location(later));
    }

    private static string Message(string html) => MessageParagraph().Match(html).Groups[1].Value;

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex MessageParagraph();

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    [Fact]
    public async Task Every_failed_password_step_verifies_one_password_hash_whether_or_not_the_account_exists()
    {
        var hasher = new CountingHasher();
        await using var web = await WebFactory.CreateAsync(configure: b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffMember>>(hasher)));
        var staff = await web.AddStaffAsync();
        var service = await web.InScopeAsync(s => s.GetRequiredService<StaffDirectory>().AddServiceAccountAsync("svc@automation.example", StaffRole.Finance, [], WebFactory.Actor));
        var client = web.NewClient();
        await client.GetAsync("/Account/SignIn");

        var counts = new List<int>();
        foreach (var email in new[] { "nobody-" + Guid.NewGuid().ToString("N") + "@test.crossing.invalid", staff.Email, service.Email! })
        {
            var before = hasher.Verifications;
            await WebFactory.SubmitPasswordAsync(client, email, "wrong-password-123");
            counts.Add(hasher.Verifications - before);
        }
        Assert.Equal([1, 1, 1], counts);
    }

    [Theory]
    [InlineData("en", "locked until")]
    [InlineData("ko", "까지 잠겼습니다")]
    public async Task A_locked_session_sees_until_when_and_can_sign_out(string language, string phrase)
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync();
        var client = await web.SignedInClientAsync(staff);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var until = new DateTimeOffset(2099, 1, 1, 14, 5, 0, TimeSpan.Zero);
        await web.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffMember>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(staff.Id.ToString()))!, until);
        });

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Location(home));
        var page = await (await client.GetAsync(Location(home))).Content.ReadAsStringAsync();

        Assert.Contains(phrase, page, StringComparison.Ordinal);
        Assert.Contains("14:05", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/Account/SignOut\"", page, StringComparison.Ordinal);
        var signOut = await WebFactory.PostFormAsync(client, "/Account/SignOut", new Dictionary<string, string>(), formPage: Location(home));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/Account/SignIn", Location(signOut));
    }

    [Fact]
    public async Task An_unknown_host_header_is_refused_with_400_and_localhost_is_served()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        var evil = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        evil.Headers.Host = "crossing.attacker.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(evil)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/SignIn")).StatusCode);
    }

    [Fact]
    public void Allowed_hosts_come_from_Crossing_setting_then_environment_then_AspNet_setting_then_loopback()
    {
        Assert.Equal(["crossing.example.org", "www.crossing.example.org"], Crossing.Web.Security.AllowedHosts.Resolve("crossing.example.org; www.crossing.example.org", "env.example", "*"));
        Assert.Equal(["env.example"], Crossing.Web.Security.AllowedHosts.Resolve(null, "env.example", "*"));
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], Crossing.Web.Security.AllowedHosts.Resolve(null, null, null));
    }

    [GeneratedRegex("<li><code>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code></li>")]
    private static partial Regex RecoveryCode();

    private sealed class CountingHasher : IPasswordHasher<StaffMember>
    {
        private readonly PasswordHasher<StaffMember> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(StaffMember user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffMember user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
