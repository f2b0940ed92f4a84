using Microsoft.OpenApi;

namespace Crossing.Web.Shell;

/// <summary>
/// A flat, render-ready reading of the OpenAPI document for the server-side reference page at <c>/api/docs</c>.
/// </summary>
public sealed record ApiReference(string Title, string? Description, IReadOnlyList<ApiReference.Operation> Operations, IReadOnlyList<ApiReference.Schema> Schemas, IReadOnlyList<ApiReference.SecurityScheme> SecuritySchemes)
{
    public sealed record Operation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<string> Tags, bool RequiresBearer, IReadOnlyList<Parameter> Parameters, Body? RequestBody, IReadOnlyList<Response> Responses)
    {
        /// <summary>A stable fragment id for linking to one operation.</summary>
        public string Anchor => "op-" + Method.ToLowerInvariant() + "-" + new string(Path.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
    }

    public sealed record Parameter(string Name, string Location, bool Required, string Type, string? Description);

    public sealed record Body(bool Required, string? Description, IReadOnlyList<Content> Contents);

    public sealed record Content(string MediaType, string Type, string? Example = null);

    public sealed record Response(string Status, string? Description, IReadOnlyList<Content> Contents);

    public sealed record Schema(string Name, string Type, string? Description, IReadOnlyList<Property> Properties);

    public sealed record Property(string Name, string Type, bool Required, string? Description);

    public sealed record SecurityScheme(string Name, string Type, string? Scheme, string? Description);

    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

    public static ApiReference From(OpenApiDocument document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
                    .Select(p => new Parameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeOf(p.Schema), p.Description))
                    .ToList();
                var body = operation.RequestBody is { } b
                    ? new Body(b.Required, b.Description, ContentsOf(b.Content))
                    : null;
                var responses = (operation.Responses ?? [])
                    .OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new Response(r.Key, r.Value.Description, ContentsOf(r.Value.Content)))
                    .ToList();
                operations.Add(new Operation(
                    method.Method.ToUpperInvariant(),
                    path,
                    operation.Summary,
                    operation.Description,
                    (operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name ?? "").Where(t => t.Length > 0).ToList(),
                    operation.Security is { Count: > 0 },
                    parameters,
                    body,
                    responses));
            }
        }

        var schemas = (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Schema(
                s.Key,
                TypeOf(s.Value),
                s.Value.Description,
                (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>())
                    .Select(p => new Property(p.Key, TypeOf(p.Value), s.Value.Required?.Contains(p.Key) == true, p.Value.Description))
                    .ToList()))
            .ToList();

        var security = (document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
            .Select(s => new SecurityScheme(s.Key, s.Value.Type?.ToString() ?? "", s.Value.Scheme, s.Value.Description))
            .ToList();

        return new ApiReference(
            document.Info?.Title ?? "API",
            document.Info?.Description,
            operations
                .OrderBy(o => o.Path, StringComparer.Ordinal)
                .ThenBy(o => Array.IndexOf(MethodOrder, o.Method) is var i && i < 0 ? int.MaxValue : i)
                .ToList(),
            schemas,
            security);
    }

    private static List<Content> ContentsOf(IDictionary<string, OpenApiMediaType>? content) =>
        (content ?? new Dictionary<string, OpenApiMediaType>())
            .Select(c => new Content(c.Key, TypeOf(c.Value.Schema), ApiDescriptions.Pretty(c.Value.Example)))
            .ToList();

    /// <summary>A short human reading of a schema: a reference's name, "array of X", or the JSON type with its format.</summary>
    public static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema is null)
            return "";
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id)
            return id;
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Array))
            return "array of " + TypeOf(schema.Items);
        var parts = new List<string>();
        if (schema.Type is { } t)
        {
            foreach (var flag in Enum.GetValues<JsonSchemaType>())
            {
                if (flag != 0 && t.HasFlag(flag))
                    parts.Add(flag.ToString().ToLowerInvariant());
            }
        }
        var oneOf = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Select(TypeOf).Where(s => s.Length > 0).ToList();
        if (oneOf.Count > 0)
            parts.Add("one of " + string.Join(" | ", oneOf));
        var text = string.Join(" | ", parts);
        if (!string.IsNullOrEmpty(schema.Format))
            text += " (" + schema.Format + ")";
        if (schema.Enum is { Count: > 0 } values)
            text += ": " + string.Join(", ", values.Select(v => v?.ToJsonString() ?? "null"));
        return text.Length == 0 ? "any" : text;
    }
}
