using System.Net;
using System.Xml.Linq;
using Crossing.Core.Security.Access;
using Crossing.Web.Shell;

namespace Crossing.Tests.Web;

public sealed class ShellLanguageTests
{
    private static Dictionary<string, string> SwitchTo(string culture, string returnUrl) =>
        new() { ["culture"] = culture, ["returnUrl"] = returnUrl };

    [Fact]
    public async Task Switching_to_Korean_sets_the_cookie_returns_to_the_page_and_renders_Korean()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(StaffRole.FieldManager, "east");
        var client = web.ClientFor(staff);

        var english = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var switched = await ShellWebFactory.PostFormAsync(client, "/", LanguageSwitch.Path, SwitchTo("ko", "/?tab=1"));
        var korean = await (await client.GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Deadlines coming up", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, switched.StatusCode);
        Assert.Equal("/?tab=1", switched.Headers.Location?.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dko%7Cuic%3Dko", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<html lang=\"ko\">", korean, StringComparison.Ordinal);
        Assert.Contains("대시보드", korean, StringComparison.Ordinal);
        Assert.Contains("다가오는 기한", korean, StringComparison.Ordinal);
        Assert.Contains("현장 책임자", korean, StringComparison.Ordinal);
        Assert.DoesNotContain("Deadlines coming up", korean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_language_is_used_until_the_switch_is_used()
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");

        var html = await (await client.GetAsync("/no-such-page")).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Contains("페이지를 찾을 수 없습니다", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task The_switch_refuses_to_redirect_off_the_site_and_sets_no_cookie(string returnUrl)
    {
        await using var web = await ShellWebFactory.CreateAsync();
        var client = web.NewClient();

        var response = await ShellWebFactory.PostFormAsync(client, "/api/docs", LanguageSwitch.Path, SwitchTo("ko", returnUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_switch_refuses_a_post_without_the_antiforgery_token()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().PostAsync(LanguageSwitch.Path, new FormUrlEncodedContent(SwitchTo("ko", "/")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_switch_refuses_a_language_it_does_not_speak()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await ShellWebFactory.PostFormAsync(web.NewClient(), "/api/docs", LanguageSwitch.Path, SwitchTo("fr", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string> ResourceSets() => [.. ResourceFiles().Select(f => Path.GetFileNameWithoutExtension(f))];

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_English_string_has_a_Korean_translation_and_no_Korean_one_is_orphaned(string set)
    {
        var english = Strings(set + ".resx");
        var korean = Strings(set + ".ko.resx");

        Assert.Empty(english.Keys.Except(korean.Keys));
        Assert.Empty(korean.Keys.Except(english.Keys));
        Assert.All(korean, k => Assert.False(string.IsNullOrWhiteSpace(k.Value), k.Key));
        // Only the product name and format-only strings may read the same in both languages.
        var untranslated = english.Where(e => e.Value == korean[e.Key] && e.Key != "Shell.AppName").Select(e => e.Key).ToList();
        Assert.Empty(untranslated);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/cases?id=C-7K3Q", true)]
    [InlineData("", false)]
    [InlineData("cases", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://localhost/", false)]
    [InlineData("/ok\r\nSet-Cookie: x=y", false)]
    public void Only_paths_on_this_site_are_local(string url, bool local) =>
        Assert.Equal(local, LanguageSwitch.IsLocalUrl(url));

    /// <summary>Each capability's English resource file (Cases/CaseText.resx, Shell/ShellText.resx, ...).</summary>
    private static IEnumerable<string> ResourceFiles()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Crossing.Web");
        return Directory.EnumerateFiles(web, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileNameWithoutExtension(f).IndexOf('.', StringComparison.Ordinal) < 0)
            .Order(StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Strings(string file)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Crossing.Web");
        var path = Directory.EnumerateFiles(web, file, SearchOption.AllDirectories).Single(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crossing.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
