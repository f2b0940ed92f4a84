using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace Crossing.Web.Shell;

/// <summary>
/// What the API reference says about one endpoint: its name (the operation id), the capability's strings it is
/// described in, and examples of its request and response bodies. Set with <see cref="ApiDescriptions.Describe{TText}"/>.
/// An example may be a <see cref="Func{TResult}"/> that makes it: it is then made each time the reference is read, so a
/// sentence the code says in the reader's language is shown in that language.
/// </summary>
public sealed record ApiDescription(Type Text, string Name, object? Request, object? Response, int ResponseStatus);

/// <summary>
/// The one line that documents an endpoint:
/// <c>group.MapPost("", CreateAsync).Describe&lt;CaseText&gt;("CreateCase", request: new CaseIntakeInput { … }, response: new RecordedResponse("C-7K3Q", false), status: 201)</c>.
/// The summary is <c>Api.CreateCase.Summary</c> (and an optional <c>Api.CreateCase.Description</c>) in the capability's
/// resx, English and Korean, so <c>/api/docs</c> and <c>/openapi/v1.json</c> speak the reader's language; the
/// request example also declares the body's type (so its schema is in the document); the response example
/// declares the response's type for that status. Tags are named by <c>Api.Tag.&lt;Tag&gt;</c> in ShellText.
/// </summary>
public static class ApiDescriptions
{
    public const string SummarySuffix = ".Summary";
    public const string DescriptionSuffix = ".Description";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder Describe<TText>(this RouteHandlerBuilder endpoint, string name, object? request = null, object? response = null, int status = StatusCodes.Status200OK)
    {
        endpoint.WithName(name).WithMetadata(new ApiDescription(typeof(TText), name, request, response, status));
        if (request is not null)
            endpoint.Accepts(TypeOf(request), "application/json");
        if (response is not null)
            endpoint.Produces(status, TypeOf(response));
        return endpoint;
    }

    public static string Key(string name, string suffix) => "Api." + name + suffix;

    /// <summary>Operation transformer: summary, description and examples from the endpoint's <see cref="ApiDescription"/>.</summary>
    internal static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiDescription>().LastOrDefault();
        if (description is null)
            return Task.CompletedTask;
        var text = context.ApplicationServices.GetRequiredService<IStringLocalizerFactory>().Create(description.Text);
        var summary = text[Key(description.Name, SummarySuffix)];
        if (!summary.ResourceNotFound)
            operation.Summary = summary.Value;
        var more = text[Key(description.Name, DescriptionSuffix)];
        if (!more.ResourceNotFound)
            operation.Description = more.Value;
        if (Made(description.Request) is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
                media.Example = JsonSerializer.SerializeToNode(request, request.GetType(), Json);
        }
        if (Made(description.Response) is { } response && operation.Responses?.TryGetValue(description.ResponseStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) == true
            && answer is OpenApiResponse { Content: { } responseContent })
        {
            foreach (var media in responseContent.Values)
                media.Example = JsonSerializer.SerializeToNode(response, response.GetType(), Json);
        }
        return Task.CompletedTask;
    }

    private static object? Made(object? example) => example is Func<object> make ? make() : example;

    private static Type TypeOf(object example) => example is Delegate make ? make.Method.ReturnType : example.GetType();

    /// <summary>Operation transformer for every operation: response descriptions ("OK", "Bad Request", the 401's) in the reader's language.</summary>
    internal static Task SayResponses(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var shell = context.ApplicationServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(ShellText));
        foreach (var (status, value) in operation.Responses ?? [])
        {
            var said = shell["Api.Response." + status];
            if (!said.ResourceNotFound && value is OpenApiResponse concrete)
                concrete.Description = said.Value;
        }
        return Task.CompletedTask;
    }

    /// <summary>Pretty JSON of an example, for the reference page.</summary>
    public static string? Pretty(JsonNode? example) =>
        example?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
