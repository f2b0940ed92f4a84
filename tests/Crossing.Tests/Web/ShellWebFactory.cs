using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crossing.Tests.Web;

/// <summary>
/// The real web app over its own temp data folder, for the shell's tests. Signing in goes through a test scheme
/// (a header naming the staff id) so the shell can be tested on its own; the sign-in and second-factor flow
/// itself is tested with the shared WebFactory.
/// </summary>
// The type argument only names the web assembly: `Program` is ambiguous, the CLI's entry point is visible too.
public sealed partial class ShellWebFactory(TestStore store, Action<IWebHostBuilder>? configure) : WebApplicationFactory<CallerAccessor>
{
    public const string Actor = "system:test";

    public StorageOptions Storage => store.Storage;

    public static async Task<ShellWebFactory> CreateAsync(Action<IWebHostBuilder>? configure = null, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new(await TestStore.CreateAsync(provider), configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", store.DataDirectory);
        builder.UseSetting("Crossing:Audit:Checkpoint:Enabled", "false");
        builder.UseSetting("Crossing:Database:Provider", store.Storage.Provider.ToString());
        if (store.Storage.PostgresConnectionString is { } postgres)
            builder.UseSetting("Crossing:Database:ConnectionString", postgres);
        builder.ConfigureTestServices(services =>
        {
            // The test scheme authenticates every request (as the real default scheme does), so antiforgery
            // tokens minted on a signed-in page stay valid on an anonymous endpoint such as the language switch.
            services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = HeaderStaffAuthentication.SchemeName);
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderStaffAuthentication>(HeaderStaffAuthentication.SchemeName, _ => { });
            services.PostConfigure<AuthorizationOptions>(o =>
                o.AddPolicy(Policies.Staff, p => p.AddAuthenticationSchemes(HeaderStaffAuthentication.SchemeName).RequireAuthenticatedUser()));
        });
        configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await store.DisposeAsync();
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>A client that the test scheme treats as the given staff member on every request.</summary>
    public HttpClient ClientFor(StaffMember staff)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add(HeaderStaffAuthentication.Header, staff.Id.ToString());
        return client;
    }

    public async Task<StaffMember> AddStaffAsync(StaffRole role, params string[] compartments)
    {
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        foreach (var name in compartments)
        {
            if (!db.Compartments.Any(c => c.Name == name))
                await directory.AddCompartmentAsync(name, Actor);
        }
        return await directory.AddStaffAsync($"staff-{Guid.NewGuid():N}@test.crossing.invalid", role, compartments, "correct-horse-battery-42", Actor);
    }

    /// <summary>GETs a page for its antiforgery token (and cookie), then posts the fields with it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IReadOnlyDictionary<string, string> fields)
    {
        var html = await (await client.GetAsync(formPage)).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formPage}.");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>Test-only scheme: the X-Test-Staff header names the staff member. Never registered outside tests.</summary>
internal sealed class HeaderStaffAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "shell-test";
    public const string Header = "X-Test-Staff";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value) || !Guid.TryParse(value, out var id))
            return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
