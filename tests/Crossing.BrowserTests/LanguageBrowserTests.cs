using System.Xml.Linq;
using Microsoft.Playwright;

namespace Crossing.BrowserTests;

/// <summary>Foundation: password and TOTP sign-in lands on the dashboard, which the layout's language switch turns Korean and back.</summary>
public sealed class LanguageBrowserTests
{
    /// <summary>A string as the resource file on disk has it, so the test follows the translators rather than a copy.</summary>
    internal static string Resource(string culture, string name)
    {
        // Each capability keeps its strings in its own folder (Shell/ShellText.resx, Cases/CaseText.ko.resx, ...).
        var suffix = culture == "en" ? ".resx" : $".{culture}.resx";
        var web = Path.Combine(DemoHost.RepositoryRoot(), "src", "Crossing.Web");
        var files = Directory.EnumerateFiles(web, "*" + suffix, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                && (culture != "en" || Path.GetFileNameWithoutExtension(f).IndexOf('.', StringComparison.Ordinal) < 0));
        return files.SelectMany(f => XDocument.Load(f).Root!.Elements("data"))
            .Single(d => (string?)d.Attribute("name") == name).Element("value")!.Value;
    }

    internal static bool HasHangul(string text) => text.Any(c => c is >= '\uAC00' and <= '\uD7A3');

    [Fact]
    public async Task A_staff_member_signs_in_with_password_and_TOTP_and_sees_the_dashboard_in_English_and_in_Korean()
    {
        await using var host = await DemoHost.StartAsync();
        await using var browser = await DemoBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();

        await DemoBrowser.SignInAsync(page, host);

        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Resource("en", "Dashboard.Title"), (await page.InnerTextAsync("main h1")).Trim());
        Assert.False(HasHangul(await page.InnerTextAsync("main")), "The English dashboard shows Hangul.");

        await DemoBrowser.SwitchLanguageAsync(page, "ko");

        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        var koreanTitle = Resource("ko", "Dashboard.Title");
        Assert.True(HasHangul(koreanTitle));
        Assert.Equal(koreanTitle, (await page.InnerTextAsync("main h1")).Trim());
        Assert.Contains(Resource("ko", "Role.FieldManager"), await page.InnerTextAsync("main"));
        Assert.Equal(Resource("ko", "Nav.Cases"), (await page.InnerTextAsync("nav a[href='/cases']")).Trim());
        Assert.Equal(Resource("ko", "Shell.SignOut"), (await page.InnerTextAsync("form[action='/Account/SignOut'] button")).Trim());
        Assert.Equal("true", await page.GetAttributeAsync("form[action='/culture'] button[value='ko']", "aria-pressed"));

        // The choice is kept in a cookie: the next page is Korean without switching again.
        await page.GotoAsync(host.BaseUrl + "/");
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));

        await DemoBrowser.SwitchLanguageAsync(page, "en");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Resource("en", "Dashboard.Title"), (await page.InnerTextAsync("main h1")).Trim());
        Assert.Equal(Resource("en", "Nav.Cases"), (await page.InnerTextAsync("nav a[href='/cases']")).Trim());
        Assert.False(HasHangul(await page.InnerTextAsync("main")), "Back in English, the dashboard still shows Hangul.");
    }
}
