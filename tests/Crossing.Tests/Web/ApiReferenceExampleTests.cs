using System.Net;
using System.Text.Json;
using Crossing.Tests.Support;

namespace Crossing.Tests.Web;

/// <summary>
/// The API reference is generated from the OpenAPI document: every operation has a summary, every operation that
/// takes a body has a request example, and both the document and /api/docs speak the reader's language.
/// </summary>
public sealed class ApiReferenceExampleTests
{
    private static async Task<JsonElement> DocumentAsync(HttpClient client, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IEnumerable<(string Operation, JsonElement Value)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => method.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value)));

    [Fact]
    public async Task Every_operation_has_a_summary_and_every_body_a_request_example_that_names_only_its_schemas_properties()
    {
        await using var web = await WebFactory.CreateAsync();
        var document = await DocumentAsync(web.NewClient(), "en");
        var operations = Operations(document).ToList();

        Assert.True(operations.Count >= 40, $"only {operations.Count} operations");
        Assert.Equal([], operations.Where(o => !o.Value.TryGetProperty("summary", out var s) || s.GetString() is not { Length: > 10 }).Select(o => o.Operation).ToArray());
        var withBody = operations.Where(o => o.Value.TryGetProperty("requestBody", out _)).ToList();
        Assert.True(withBody.Count >= 19, $"only {withBody.Count} operations document a body");
        Assert.Equal([], withBody.Where(o => !o.Value.GetProperty("requestBody").GetProperty("content").EnumerateObject().All(c => c.Value.TryGetProperty("example", out _)))
            .Select(o => o.Operation).ToArray());

        // An example is a real body: every member it sends is a property of the documented schema.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (operation, value) in withBody)
        {
            var content = value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            if (!content.GetProperty("schema").TryGetProperty("$ref", out var reference))
                continue;
            var schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
            var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var member in content.GetProperty("example").EnumerateObject())
                Assert.True(properties.Contains(member.Name), $"{operation}: example member {member.Name} is not in the schema");
        }

        var create = document.GetProperty("paths").GetProperty("/api/cases").GetProperty("post");
        Assert.Equal("CreateCase", create.GetProperty("operationId").GetString());
        Assert.Equal("C-7K3Q", create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_reference_is_Korean_for_a_Korean_reader_with_examples_and_translated_tags()
    {
        await using var web = await WebFactory.CreateAsync();
        var client = web.NewClient();
        var korean = await DocumentAsync(client, "ko");
        var english = await DocumentAsync(client, "en");
        var koreanCreate = korean.GetProperty("paths").GetProperty("/api/cases").GetProperty("post").GetProperty("summary").GetString();
        var englishCreate = english.GetProperty("paths").GetProperty("/api/cases").GetProperty("post").GetProperty("summary").GetString();

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/api/docs"));

        Assert.StartsWith("사례를 기록합니다", koreanCreate, StringComparison.Ordinal);
        Assert.StartsWith("Records a case", englishCreate, StringComparison.Ordinal);
        Assert.Contains("사례를 기록합니다", page, StringComparison.Ordinal);
        Assert.Contains("요청 예시", page, StringComparison.Ordinal);
        Assert.Contains("\"fullName\": \"김지현\"", page, StringComparison.Ordinal);
        Assert.Contains(" · 사례", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Records a case", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Missing, revoked or unknown bearer token", page, StringComparison.Ordinal);
    }
}
