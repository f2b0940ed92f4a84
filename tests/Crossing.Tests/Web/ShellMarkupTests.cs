using System.Text.RegularExpressions;
using Crossing.Core.Security.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Web;

/// <summary>
/// The strict CSP would silently break inline script, event handlers and style attributes; this makes sure
/// no page relies on them. It visits every parameterless page the app maps, anonymously and as staff, in both languages.
/// </summary>
public sealed partial class ShellMarkupTests
{
    [Fact]
    public async Task No_reachable_page_has_inline_script_event_handlers_or_style_attributes()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var admin = await web.AddStaffAsync(StaffRole.Administrator);
        var manager = await web.AddStaffAsync(StaffRole.FieldManager, "east");
        var paths = PagePaths(web).Append("/no-such-page").ToList();
        var clients = new[] { web.NewClient(), web.ClientFor(admin), web.ClientFor(manager) };
        var scanned = 0;

        foreach (var culture in new[] { "en", "ko" })
        {
            foreach (var client in clients)
            {
                client.DefaultRequestHeaders.AcceptLanguage.Clear();
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
                foreach (var path in paths)
                {
                    var response = await client.GetAsync(path);
                    if (response.Content.Headers.ContentType?.MediaType != "text/html")
                        continue;
                    var html = await response.Content.ReadAsStringAsync();
                    AssertNoInlineCode(path, html);
                    scanned++;
                }
            }
        }

        // The dashboard, the API reference and the 404 page at least, for three callers in two languages.
        Assert.True(scanned >= 18, $"Only {scanned} HTML pages scanned.");
    }

    [Fact]
    public async Task Pages_declare_their_language_and_offer_a_skip_link_to_the_main_content()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko");

        var html = await (await client.GetAsync("/api/docs")).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Matches("<a class=\"skip-link\" href=\"#main\">[^<]+</a>", html);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
    }

    internal static void AssertNoInlineCode(string path, string html)
    {
        foreach (Match script in ScriptTag().Matches(html))
            Assert.Contains("src=", script.Value, StringComparison.Ordinal);
        Assert.False(EventHandlerAttribute().IsMatch(html), $"{path}: event handler attribute {EventHandlerAttribute().Match(html).Value}");
        Assert.False(StyleAttribute().IsMatch(html), $"{path}: style attribute in {StyleAttribute().Match(html).Value}");
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> PagePaths(ShellWebFactory web) =>
        web.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.RoutePattern.Parameters.All(p => p.IsOptional))
            .Select(e => "/" + string.Concat(e.RoutePattern.PathSegments
                .Where(s => s.Parts.All(p => p.IsLiteral))
                .Select(s => string.Concat(s.Parts.Cast<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Select(p => p.Content)) + "/")).TrimEnd('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("<[a-z][^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
