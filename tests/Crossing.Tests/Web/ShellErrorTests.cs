using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Web;

public sealed class ShellErrorTests
{
    private const string Secret = "secret-detail-C-7K3Q-kim-ji-hyun";

    /// <summary>Development, where ASP.NET Core would normally show the developer exception page, and a throwing OpenAPI build.</summary>
    private static Task<ShellWebFactory> ThrowingAppAsync() =>
        ShellWebFactory.CreateAsync(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureTestServices(services =>
                services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((_, _, _) => throw new InvalidOperationException(Secret))));
        });

    [Fact]
    public async Task An_exception_on_an_api_path_returns_problem_details_without_message_or_stack_trace_even_in_development()
    {
        await using var web = await ThrowingAppAsync();

        var response = await web.NewClient().GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.False(problem.RootElement.TryGetProperty("exception", out _));
        Assert.False(problem.RootElement.TryGetProperty("detail", out _));
        AssertNothingLeaks(body);
        ShellSecurityHeadersTests.AssertStrictHeaders(response);
    }

    [Fact]
    public async Task An_exception_on_a_page_shows_the_error_page_without_message_or_stack_trace_even_in_development()
    {
        await using var web = await ThrowingAppAsync();

        var response = await web.NewClient().GetAsync("/api/docs");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.Contains("<p class=\"trace\"><small>Reference for support", body, StringComparison.Ordinal);
        AssertNothingLeaks(body);
        ShellSecurityHeadersTests.AssertStrictHeaders(response);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page_even_for_an_anonymous_caller()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().GetAsync("/cases/C-7K3Q/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_url_is_a_404_problem_in_json_whatever_the_client_accepts()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await client.GetAsync("/api/no-such-capability/C-7K3Q");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task The_error_page_visited_directly_is_a_plain_404(string method)
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/Error/500"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertNothingLeaks(string body)
    {
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Crossing.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }
}
