using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace Crossing.Web.Shell;

/// <summary>
/// The OpenAPI description of the JSON API at <c>/openapi/v1.json</c>, with the bearer scheme documented
/// and required on every operation that is not explicitly anonymous.
/// </summary>
public static class ShellOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddShellOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer(DescribeDocument);
            o.AddOperationTransformer(RequireBearerUnlessAnonymous);
            o.AddOperationTransformer(ApiDescriptions.DescribeOperation);
            o.AddOperationTransformer(ApiDescriptions.SayResponses);
        });

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var l = context.ApplicationServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(ShellText));
        document.Info = new OpenApiInfo
        {
            Title = "Crossing API",
            Version = DocumentName,
            Description = l["Api.Info.Description"],
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Policies.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = l["Api.Bearer.Description"],
        };
        return Task.CompletedTask;
    }

    private static Task RequireBearerUnlessAnonymous(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        // The fallback policy makes every endpoint that is not explicitly anonymous require a caller.
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            return Task.CompletedTask;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(Policies.BearerScheme, context.Document)] = [],
        });
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing, revoked or unknown bearer token." });
        return Task.CompletedTask;
    }
}
