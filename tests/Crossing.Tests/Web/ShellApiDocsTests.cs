using System.Net;
using System.Text.Json;
using Crossing.Web.Shell;
using Microsoft.OpenApi;

namespace Crossing.Tests.Web;

public sealed class ShellApiDocsTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_bearer_scheme_and_the_health_endpoint()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().GetAsync(ShellOpenApi.DocumentPath);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var health = root.GetProperty("paths").GetProperty("/healthz").GetProperty("get");
        Assert.False(health.TryGetProperty("security", out _), "the anonymous health check must not demand a token");
        Assert.False(root.GetProperty("paths").TryGetProperty("/culture", out _), "the language form is not part of the API");
    }

    [Fact]
    public async Task The_reference_page_lists_the_documented_operations_and_schemas_without_script()
    {
        await using var web = await ShellWebFactory.CreateAsync();

        var response = await web.NewClient().GetAsync("/api/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<span class=\"method\">GET</span> <code>/healthz</code>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"schema-HealthResponse\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>Bearer</code>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_reference_names_the_real_token_command_documents_case_bodies_and_uses_no_class_names_as_tags()
    {
        await using var web = await Crossing.Tests.Support.WebFactory.CreateAsync();
        var client = web.NewClient();
        var json = await client.GetStringAsync("/openapi/v1.json");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        Assert.Contains("CaseIntakeInput", paths.GetProperty("/api/cases").GetProperty("post").GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("MatchRequest", paths.GetProperty("/api/cases/match").GetProperty("post").GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("StatusRequest", paths.GetProperty("/api/cases/{code}/status").GetProperty("post").GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Endpoints\"", json, StringComparison.Ordinal);

        var html = await client.GetStringAsync("/api/docs");
        Assert.Contains("crossing staff issue-token --email E", html, StringComparison.Ordinal);
        Assert.DoesNotContain("crossing token issue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountEndpoints", html, StringComparison.Ordinal);
        Assert.Contains("id=\"schema-CaseIntakeInput\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_reads_parameters_bodies_responses_security_and_schemas()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo { Title = "T", Version = "v1" },
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>
                {
                    ["CaseSummary"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "code" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["urgency"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                        },
                    },
                },
            },
        };
        document.Paths = new OpenApiPaths
        {
            ["/api/cases/{code}"] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Put] = new OpenApiOperation
                    {
                        Summary = "Update a case",
                        Parameters = [new OpenApiParameter { Name = "code", In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } }],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference("CaseSummary", document) } },
                        },
                        Responses = new OpenApiResponses { ["404"] = new OpenApiResponse { Description = "Not found" }, ["200"] = new OpenApiResponse { Description = "OK" } },
                        Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }],
                    },
                    [HttpMethod.Get] = new OpenApiOperation
                    {
                        Parameters = [new OpenApiParameter { Name = "fields", In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } }],
                    },
                },
            },
        };

        var reference = ApiReference.From(document);

        Assert.Equal(["GET", "PUT"], reference.Operations.Select(o => o.Method));
        var put = reference.Operations[1];
        Assert.Equal("Update a case", put.Summary);
        Assert.True(put.RequiresBearer);
        Assert.Equal(new ApiReference.Parameter("code", "path", true, "string", null), Assert.Single(put.Parameters));
        Assert.Equal("CaseSummary", Assert.Single(put.RequestBody!.Contents).Type);
        Assert.Equal(["200", "404"], put.Responses.Select(r => r.Status));
        Assert.False(reference.Operations[0].RequiresBearer);
        Assert.Equal("array of string", Assert.Single(reference.Operations[0].Parameters).Type);
        var schema = Assert.Single(reference.Schemas);
        Assert.Equal("object", schema.Type);
        Assert.Contains(new ApiReference.Property("code", "string", true, null), schema.Properties);
        Assert.Contains(new ApiReference.Property("urgency", "integer (int32)", false, null), schema.Properties);
    }
}
