using System.Net;
using System.Text.RegularExpressions;
using Crossing.Core.Demo;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Support;

/// <summary>A staff account made for a test, with what a person would know: e-mail, password, authenticator key.</summary>
public sealed record TestStaff(Guid Id, string Code, string Email, string Password, string? AuthenticatorKey)
{
    public string CurrentCode() => DemoTotp.CurrentCode(AuthenticatorKey ?? throw new InvalidOperationException("Not enrolled."), DateTimeOffset.UtcNow);
}

/// <summary>
/// The real web app (Program) over its own initialised data folder (a <see cref="TestStore"/>: SQLite, or PostgreSQL
/// when asked and available). Clients speak https://localhost so the Secure cookies flow, and do not follow
/// redirects so tests can assert them. Create one per test with <see cref="CreateAsync"/>.
/// </summary>
// The type argument only names the web assembly: `Program` is ambiguous here, the CLI's entry point is visible too.
public sealed partial class WebFactory : WebApplicationFactory<CallerAccessor>
{
    public const string TestPassword = "correct-horse-battery-42";
    public const string Actor = "system:test";

    private readonly TestStore store;
    private readonly Action<IWebHostBuilder>? configure;

    private WebFactory(TestStore store, Action<IWebHostBuilder>? configure)
    {
        this.store = store;
        this.configure = configure;
    }

    public StorageOptions Storage => store.Storage;

    /// <summary><paramref name="configure"/> runs last, e.g. to replace a service with a counting one.</summary>
    public static async Task<WebFactory> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, Action<IWebHostBuilder>? configure = null) =>
        new(await TestStore.CreateAsync(provider), configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", store.DataDirectory);
        // Tests that want checkpoints call the witness themselves; a timer writing them would add events mid-test.
        builder.UseSetting("Crossing:Audit:Checkpoint:Enabled", "false");
        builder.UseSetting("Crossing:Database:Provider", store.Storage.Provider.ToString());
        if (store.Storage.PostgresConnectionString is { } postgres)
            builder.UseSetting("Crossing:Database:ConnectionString", postgres);
        configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await store.DisposeAsync();
    }

    /// <summary>A fresh browser-like client: its own cookie jar, redirects not followed.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Runs code against the app's own services in a scope (direct data setup and checks).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Adds a staff member (and any missing compartments); enrolled means an authenticator is set up.</summary>
    public Task<TestStaff> AddStaffAsync(StaffRole role = StaffRole.FieldManager, string[]? compartments = null, bool enrolled = true) =>
        InScopeAsync(async services =>
        {
            compartments ??= ["east"];
            var directory = services.GetRequiredService<StaffDirectory>();
            var db = services.GetRequiredService<CrossingDbContext>();
            foreach (var name in compartments)
                if (!db.Compartments.Any(c => c.Name == name))
                    await directory.AddCompartmentAsync(name, Actor);
            var email = $"staff-{Guid.NewGuid():N}@test.crossing.invalid";
            var staff = await directory.AddStaffAsync(email, role, compartments, TestPassword, Actor);
            string? key = null;
            if (enrolled)
            {
                var users = services.GetRequiredService<UserManager<StaffMember>>();
                await users.ResetAuthenticatorKeyAsync(staff);
                await users.SetTwoFactorEnabledAsync(staff, true);
                key = await users.GetAuthenticatorKeyAsync(staff);
            }
            return new TestStaff(staff.Id, staff.Code, email, TestPassword, key);
        });

    public Task<string> IssueTokenAsync(TestStaff staff) =>
        InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StaffMember>>();
            var member = await users.FindByIdAsync(staff.Id.ToString()) ?? throw new InvalidOperationException("No such staff.");
            return await services.GetRequiredService<StaffDirectory>().IssueTokenAsync(member, Actor);
        });

    /// <summary>GETs the form's page for its antiforgery token, then posts the fields with it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? path);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success)
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? path} (HTTP {(int)page.StatusCode}).");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>Password step only: for an enrolled account the cookie then waits for the code.</summary>
    public static Task<HttpResponseMessage> SubmitPasswordAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/Account/SignIn", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    /// <summary>Password and authenticator code, like a person at the sign-in page; fails the test if it does not end signed in.</summary>
    public async Task<HttpClient> SignedInClientAsync(TestStaff staff)
    {
        var client = NewClient();
        var password = await SubmitPasswordAsync(client, staff.Email, staff.Password);
        if (password.StatusCode != HttpStatusCode.Redirect || password.Headers.Location?.OriginalString.StartsWith("/Account/Verify", StringComparison.Ordinal) != true)
            throw new InvalidOperationException($"Password step did not lead to the code page: {(int)password.StatusCode} {password.Headers.Location}");
        // A code is accepted once; a test that signs the same person in twice within 30 seconds forgets the first use.
        await ForgetUsedCodeAsync(staff.Email);
        var verify = await PostFormAsync(client, "/Account/Verify", new Dictionary<string, string> { ["Code"] = staff.CurrentCode() });
        if (verify.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Code step failed: {(int)verify.StatusCode}");
        return client;
    }

    public Task<int> ForgetUsedCodeAsync(string email) =>
        InScopeAsync(services =>
        {
            var normalized = services.GetRequiredService<UserManager<StaffMember>>().NormalizeEmail(email);
            return services.GetRequiredService<CrossingDbContext>().Users.Where(u => u.NormalizedEmail == normalized)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, 0L));
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
