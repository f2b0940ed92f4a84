using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Crossing.Core.Demo;
using Crossing.Tests.Security.Audit;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Web;

/// <summary>
/// Every page of the web app, found from its Razor page endpoints (a new module's pages are checked without being
/// listed here), rendered in Korean for the demo staff who may see it, must hold no English sentence from the
/// resource set: no phrase of a *.resx whose Korean differs may appear in a Korean page's visible text.
/// </summary>
public sealed partial class KoreanPagesTests
{
    [Fact]
    public async Task Every_page_rendered_in_Korean_for_the_demo_staff_holds_no_English_sentence_of_the_resources()
    {
        await using var web = await WebFactory.CreateAsync();
        var demo = await web.InScopeAsync(services => DemoSeeder.SeedAsync(services, CancellationToken.None));
        var patterns = PagePatterns(web);
        var english = EnglishPhrases();
        Assert.NotEmpty(english);

        var rendered = new HashSet<string>(StringComparer.Ordinal);
        var leaks = new List<string>();
        var clients = new List<(string Who, HttpClient Client)> { ("anonymous", Korean(web.NewClient())) };
        foreach (var account in demo.Accounts)
            clients.Add((account.Handle, Korean(await web.SignedInClientAsync(new TestStaff(Guid.Empty, account.Code, account.Email, account.Password, account.AuthenticatorKey)))));

        foreach (var (who, client) in clients)
        {
            // Pages without parameters first; pages with parameters through the links those pages show.
            var queue = new Queue<string>(patterns.Where(p => !p.Contains('{', StringComparison.Ordinal) || p.Contains("?}", StringComparison.Ordinal)).Select(p => Regex.Replace(p, @"/\{[^}]*\?\}", "")));
            var seen = new HashSet<string>(queue, StringComparer.Ordinal);
            while (queue.Count > 0)
            {
                var path = queue.Dequeue();
                using var response = await client.GetAsync(path);
                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                    continue;
                var html = await response.Content.ReadAsStringAsync();
                // A page counts as rendered when it answers 200; the error page answers with the status it describes.
                if (Pattern(patterns, path) is { } pattern && (response.StatusCode == HttpStatusCode.OK || pattern.StartsWith("/Error", StringComparison.Ordinal)))
                    rendered.Add(pattern);
                leaks.AddRange(Leaks(VisibleText(html), english).Select(phrase => $"{path} ({who}): \"{phrase}\""));
                foreach (Match link in Href().Matches(html))
                {
                    var target = WebUtility.HtmlDecode(link.Groups[1].Value).Split('?', '#')[0];
                    if (Pattern(patterns, target) is { } linked && linked.Contains('{', StringComparison.Ordinal) && seen.Add(target) && seen.Count < 400)
                        queue.Enqueue(target);
                }
            }
        }

        // Pages that show only in a sign-in step: the code page after a password, enrolment for an account without one.
        var stepper = Korean(web.NewClient());
        var manager = demo.Account(DemoSeeder.FieldManager)!;
        await WebFactory.SubmitPasswordAsync(stepper, manager.Email, manager.Password);
        await CheckAsync(stepper, "/Account/Verify");
        var unenrolled = await web.AddStaffAsync(enrolled: false);
        var enrolling = Korean(web.NewClient());
        await WebFactory.SubmitPasswordAsync(enrolling, unenrolled.Email, unenrolled.Password);
        await CheckAsync(enrolling, "/Account/Enrol");

        // A plan's page exists only once someone has asked for a plan: the manager starts one, then reads it when solved.
        var planner = clients.Single(c => c.Who == manager.Handle).Client;
        var started = await WebFactory.PostFormAsync(planner, "/planning", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var run = started.Headers.Location!.OriginalString;
        for (var i = 0; i < 240; i++)
        {
            using var page = await planner.GetAsync(run);
            if (!page.Headers.Contains("Refresh"))
                break;
            await Task.Delay(250);
        }
        await CheckAsync(planner, run);

        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct()));
        Assert.Equal([], patterns.Where(p => !rendered.Contains(p)).ToArray());

        async Task CheckAsync(HttpClient client, string path)
        {
            var html = await client.GetStringAsync(path);
            rendered.Add(Pattern(patterns, path)!);
            leaks.AddRange(Leaks(VisibleText(html), english).Select(phrase => $"{path}: \"{phrase}\""));
        }
    }

    [Fact]
    public async Task Intake_problems_and_binding_messages_are_shown_in_Korean_and_the_sex_as_words()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(Core.Security.Access.StaffRole.FieldCoordinator, ["east"]);
        var client = Korean(await web.SignedInClientAsync(staff));

        var form = await client.GetStringAsync("/cases/new");
        var answer = await WebFactory.PostFormAsync(client, "/cases/new", new Dictionary<string, string>
        {
            ["Form.Compartment"] = "", ["Form.FullName"] = "Kim 지현 3", ["Form.BirthDate"] = "１９８７-１３", ["Form.Sex"] = "Q",
            ["Form.PregnancyWeeks"] = "twenty", ["Form.WaitingSince"] = "yesterday", ["Form.Illness"] = "bad", ["Form.ArrestRisk"] = "maybe",
        });
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<option value=\"F\">여성</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"M\">남성</option>", form, StringComparison.Ordinal);
        Assert.Contains("이 값은 여기에 맞지 않습니다. 고치세요.", html, StringComparison.Ordinal);
        Assert.Contains("날짜를 YYYY-MM-DD 형식으로 쓰세요", html, StringComparison.Ordinal);
        Assert.Contains("사례가 속한 구획을 선택하세요", html, StringComparison.Ordinal);
        // The form shows back what was typed; the messages never quote it.
        var summary = html.IndexOf("validation-summary", StringComparison.Ordinal);
        Assert.DoesNotContain("twenty", html[summary..html.IndexOf("</div>", summary, StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Empty(Leaks(VisibleText(html), EnglishPhrases()));
    }

    [Fact]
    public async Task The_api_answers_problems_in_the_language_the_client_asks_for()
    {
        await using var web = await WebFactory.CreateAsync();
        var staff = await web.AddStaffAsync(Core.Security.Access.StaffRole.FieldCoordinator, ["east"]);
        var token = await web.IssueTokenAsync(staff);
        var body = """{"compartment":"east","fullName":"1234","birthDate":"1987-13","sex":"F"}""";

        async Task<string> PostAsync(string language)
        {
            var client = web.NewClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var response = await client.PostAsync("/api/cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return TraceId().Replace(await response.Content.ReadAsStringAsync(), "");
        }

        var english = await PostAsync("en");
        var korean = await PostAsync("ko-KR,ko;q=0.9");
        var unknown = await PostAsync("de");

        Assert.Contains("The case was not recorded", english, StringComparison.Ordinal);
        Assert.Contains("The month of birth must be between 01 and 12.", english, StringComparison.Ordinal);
        Assert.Contains("사례가 기록되지 않았습니다", korean, StringComparison.Ordinal);
        Assert.Contains("출생 월은 01에서 12 사이여야 합니다.", korean, StringComparison.Ordinal);
        Assert.Contains("이름에 숫자가 있습니다.", korean, StringComparison.Ordinal);
        Assert.DoesNotContain("The name contains digits", korean, StringComparison.Ordinal);
        Assert.Equal(english, unknown);

        var wrongType = web.NewClient();
        wrongType.DefaultRequestHeaders.Authorization = new("Bearer", token);
        wrongType.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko");
        var typed = await wrongType.PostAsync("/api/cases", new StringContent("""{"pregnancyWeeks":"x"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("이 값은 형식이 잘못되었거나 여기에 쓸 수 없습니다.", await typed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_leak_check_finds_an_English_resource_sentence_and_ignores_Korean_and_codes()
    {
        var english = EnglishPhrases();
        Assert.Contains("The name contains digits.", Leaks("이름: The name contains digits.", english));
        Assert.Empty(Leaks("이름에 숫자가 있습니다. C-7K3Q G-2M4P crossing staff issue-token", english));
        Assert.Equal("로그인", VisibleText("<html><head><title>x</title><style>p{}</style></head><body><h1>로그인</h1><script>var a;</script></body></html>").Trim());
        Assert.Contains("Sign out", VisibleText("<button aria-label=\"Sign out\">x</button>"));
    }

    private static HttpClient Korean(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko");
        return client;
    }

    /// <summary>The route of every Razor page the app serves, e.g. "/cases/{code}" or "/Account/SignIn".</summary>
    private static List<string> PagePatterns(WebFactory web) =>
        [.. web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.Any(m => m.GetType().Name == "PageRouteMetadata" || m is CompiledPageActionDescriptor))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => !p.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];

    private static string? Pattern(IReadOnlyList<string> patterns, string path) =>
        patterns.FirstOrDefault(p => string.Equals(p, path, StringComparison.OrdinalIgnoreCase))
        ?? patterns.FirstOrDefault(p => p.Contains('{', StringComparison.Ordinal) && PatternRegex(p).IsMatch(path));

    /// <summary>"/cases/{code}" matches "/cases/C-7K3Q"; "/Error/{status:int?}" matches "/Error" and "/Error/404".</summary>
    private static Regex PatternRegex(string pattern) =>
        new("^" + string.Concat(pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            segment.StartsWith('{') ? (segment.EndsWith("?}", StringComparison.Ordinal) ? "(/[^/]+)?" : "/[^/]+") : "/" + Regex.Escape(segment))) + "$",
            RegexOptions.IgnoreCase);

    /// <summary>
    /// The English phrases of every resource whose Korean differs: each value split at its placeholders, keeping
    /// pieces of two words or more (single words such as "API" or "JSON" may rightly stay in a Korean page).
    /// </summary>
    private static IReadOnlyList<string> EnglishPhrases()
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        var root = PythonVerifierTests.RepositoryRoot();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.resx", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".ko.resx", StringComparison.Ordinal) || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            var korean = file[..^".resx".Length] + ".ko.resx";
            if (!File.Exists(korean))
                continue;
            var ko = Values(korean);
            foreach (var (key, value) in Values(file))
            {
                if (ko.TryGetValue(key, out var translated) && translated == value)
                    continue;
                foreach (var piece in Regex.Split(value, @"\{\d+(:[^}]*)?\}|`[^`]*`"))
                {
                    var phrase = piece.Trim(' ', ',', ';', ':', '(', ')', '·', '—', '-', '\'', '"');
                    if (Regex.Matches(phrase, @"\b[A-Za-z][a-z]+\b").Count >= 2 && phrase.Length >= 8 && !Regex.IsMatch(phrase, @"[^\x20-\x7E’…–—]"))
                        phrases.Add(phrase);
                }
            }
        }
        return [.. phrases];
    }

    private static Dictionary<string, string> Values(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static List<string> Leaks(string text, IReadOnlyList<string> english) =>
        [.. english.Where(phrase => Regex.IsMatch(text, @"(?<![A-Za-z])" + Regex.Escape(phrase) + @"(?![A-Za-z])"))];

    /// <summary>What a reader sees or hears: text outside tags, scripts and styles, plus labels read aloud or shown on hover.</summary>
    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, @"<(script|style|title)\b.*?</\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        var labels = Attribute().Matches(body).Select(m => m.Groups[2].Value);
        var text = Regex.Replace(body, "<[^>]*>", " ");
        return WebUtility.HtmlDecode(text + " " + string.Join(" ", labels));
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("\\s(aria-label|title|placeholder|alt)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
