using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;

namespace Crossing.Web.Shell;

/// <summary>
/// The API reference, rendered on the server from the same generated document as /openapi/v1.json:
/// no script, no external UI bundle. Anonymous like the document itself: it describes shapes, never data.
/// </summary>
[AllowAnonymous]
public sealed class ApiDocsModel : PageModel
{
    public ApiReference Reference { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var provider = HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(ShellOpenApi.DocumentName);
        Reference = ApiReference.From(await provider.GetOpenApiDocumentAsync(ct));
    }
}
