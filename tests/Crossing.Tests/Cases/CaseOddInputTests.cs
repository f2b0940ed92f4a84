using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Crossing.Tests.Cases;

/// <summary>Issue 7, security 1: odd input never answers 500 and never reaches the log.</summary>
public sealed class CaseOddInputTests
{
    /// <summary>Full-width and Arabic-Indic digits, RTL marks, a lone surrogate, NUL, 10,000 characters, HTML, SQL.</summary>
    public static readonly string[] Corpus =
    [
        "１９８７", "1987-０３-１２", "١٩٨٧-٠٣-١٢", "۱۹۸۷", "\u200F1987-03\u200E", "odd\uD800surrogate", "odd\0nul",
        new string('ㅋ', 10_000), "<script>alert('odd')</script>", "odd'; DROP TABLE cases; --",
    ];

    private static readonly string[] IntakeFields =
    [
        "compartment", "fullName", "birthDate", "sex", "hometown", "location", "contact", "notes", "status", "familyGroup", "waitingSince",
        "pregnancyWeeks", "pregnancyWeeksOn", "illness", "illnessTreatmentBy", "violenceAtHome", "confined", "arrestRisk", "dependentChildren",
    ];

    [Theory]
    [InlineData("１９８７", "1987")]
    [InlineData("1987-０３-１２", "1987-03-12")]
    [InlineData("１９８７－０３", "1987-03")]
    public void Full_width_digits_are_read_as_ascii_after_normalisation(string typed, string expected)
    {
        var date = BirthDate.Parse(typed, new DateOnly(2026, 1, 1), out var problem);
        Assert.Null(problem);
        Assert.Equal(expected, date.ToString());
    }

    [Theory]
    [InlineData("١٩٨٧")]
    [InlineData("odd\uD800")]
    [InlineData("1987-03-1\0")]
    public void Other_digits_and_broken_text_are_refused_with_a_problem_that_does_not_repeat_them(string typed)
    {
        Assert.Null(BirthDate.Parse(typed, new DateOnly(2026, 1, 1), out var problem));
        Assert.NotNull(problem);
        Assert.DoesNotContain(typed, problem, StringComparison.Ordinal);
        var input = new CaseIntakeInput { Compartment = "east", FullName = "김지현", WaitingSince = typed, PregnancyWeeksOn = typed, IllnessTreatmentBy = typed };
        var e = Assert.Throws<CaseInputException>(() => input.Validate(new DateOnly(2026, 1, 1)));
        Assert.Contains(e.Problems, p => p.Field == "waitingSince");
        Assert.DoesNotContain(typed, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odd_input_in_every_field_of_every_case_endpoint_and_form_answers_2xx_or_4xx_and_never_reaches_the_log()
    {
        var logs = new ConcurrentQueue<string>();
        await using var web = await WebFactory.CreateAsync(configure: b =>
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(logs))));
        var staff = await web.AddStaffAsync(StaffRole.FieldCoordinator, ["east"]);
        var api = web.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await web.IssueTokenAsync(staff));
        var created = await api.PostAsync("/api/cases", Json(("compartment", "east"), ("fullName", "김지현")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;

        var failures = new List<string>();
        async Task CheckAsync(string what, Func<Task<HttpResponseMessage>> send)
        {
            var response = await send();
            if ((int)response.StatusCode >= 500)
                failures.Add($"{what}: {(int)response.StatusCode}");
        }

        for (var i = 0; i < Corpus.Length; i++)
        {
            var odd = Corpus[i];
            foreach (var field in IntakeFields)
            {
                var fields = new List<(string, string)> { ("compartment", "east"), ("fullName", "김지현") };
                fields.RemoveAll(f => f.Item1 == field);
                fields.Add((field, odd));
                await CheckAsync($"POST /api/cases {field} #{i}", () => api.PostAsync("/api/cases", Json([.. fields])));
            }
            foreach (var field in new[] { "fullName", "birthDate" })
                await CheckAsync($"POST /api/cases/match {field} #{i}", () => api.PostAsync("/api/cases/match", Json(("fullName", "김지현"), (field, odd))));
            await CheckAsync($"POST status #{i}", () => api.PostAsync($"/api/cases/{code}/status", Json(("status", odd))));
            await CheckAsync($"POST status code #{i}", () => api.PostAsync($"/api/cases/{Uri.EscapeDataString(SafeForUri(odd))}/status", Json(("status", "waiting"))));
        }

        var browser = await web.SignedInClientAsync(staff);
        for (var i = 0; i < Corpus.Length; i++)
        {
            foreach (var field in IntakeFields)
            {
                var name = "Form." + char.ToUpperInvariant(field[0]) + field[1..];
                var form = new Dictionary<string, string> { ["Form.Compartment"] = "east", ["Form.FullName"] = "김지현", ["Form.Sex"] = "F", ["ConfirmedNotDuplicate"] = "true" };
                form[name] = Corpus[i];
                await CheckAsync($"form {name} #{i}", () => WebFactory.PostFormAsync(browser, "/cases/new", form));
            }
        }

        Assert.Empty(failures);
        var logText = string.Join('\n', logs);
        Assert.NotEmpty(logText);
        foreach (var odd in Corpus)
            Assert.DoesNotContain(odd.Length > 40 ? odd[..40] : odd, logText, StringComparison.Ordinal);
        Assert.DoesNotContain("surrogate", logText, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE", logText, StringComparison.Ordinal);
    }

    /// <summary>A URI cannot carry a lone surrogate, and the test host refuses NUL in a path before the app sees it (Kestrel answers 400).</summary>
    private static string SafeForUri(string text) => text.Replace('\uD800', '\uFFFD').Replace("\0", "", StringComparison.Ordinal);

    /// <summary>A JSON object with every character escaped, so a lone surrogate or NUL reaches the server as typed.</summary>
    private static StringContent Json(params (string Name, string Value)[] fields)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in fields)
        {
            if (json.Length > 1)
                json.Append(',');
            json.Append('"').Append(name).Append("\":\"");
            foreach (var c in value)
                json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            json.Append('"');
        }
        return new StringContent(json.Append('}').ToString(), Encoding.UTF8, "application/json");
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
