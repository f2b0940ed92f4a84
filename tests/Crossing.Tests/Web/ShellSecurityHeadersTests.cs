using System.Net;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Tests.Web;

public sealed class ShellSecurityHeadersTests
{
    /// <summary>One of each kind of response: a page, an anonymous page, 404s, JSON, static, an API error, a refused form.</summary>
    public static TheoryData<string, string> Responses => new()
    {
        { "GET", "/" },
        { "GET", "/Account/SignIn" },
        { "GET", "/no-such-page" },
        { "GET", "/healthz" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/api/docs" },
        { "GET", "/css/site.css" },
        { "GET", "/api/no-such-endpoint" },
        { "POST", "/culture" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_kind_of_response_carries_the_strict_security_headers(string method, string path)
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var response = await web.NewClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        AssertStrictHeaders(response);
    }

    [Fact]
    public async Task A_signed_in_page_carries_the_strict_headers_and_is_never_stored()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldManager, "east");

        var response = await web.ClientFor(staff).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertStrictHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/no-such-endpoint")]
    public async Task Api_responses_are_never_stored(string path)
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task The_stylesheet_may_be_cached_and_a_versioned_one_for_good()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();

        var plain = await client.GetAsync("/css/site.css");
        var versioned = await client.GetAsync("/css/site.css?v=abc");

        Assert.Equal("text/css", plain.Content.Headers.ContentType?.MediaType);
        Assert.False(plain.Headers.CacheControl?.NoStore);
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task The_content_security_policy_allows_no_inline_code_and_no_other_origin()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var csp = (await web.NewClient().GetAsync("/api/docs")).Headers.GetValues("Content-Security-Policy").Single();

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("*", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'" })
            Assert.Contains(directive, csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var https = web.NewClient();
        var http = web.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var secure = await https.GetAsync("/healthz");
        var plain = await http.GetAsync("/healthz");

        Assert.Equal(SecurityHeadersMiddleware.StrictTransportSecurity, secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    internal static void AssertStrictHeaders(HttpResponseMessage response)
    {
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), where + ": no CSP");
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, csp.Single());
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options", where));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy", where));
        Assert.Equal("DENY", Single(response, "X-Frame-Options", where));
        Assert.Equal(SecurityHeadersMiddleware.PermissionsPolicy, Single(response, "Permissions-Policy", where));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy", where));
        Assert.Equal(SecurityHeadersMiddleware.StrictTransportSecurity, Single(response, "Strict-Transport-Security", where));
        Assert.False(response.Headers.Contains("Server"), where + ": Server header present");
    }

    private static string Single(HttpResponseMessage response, string header, string where)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values), $"{where}: no {header}");
        return Assert.Single(values);
    }
}
