using Crossing.Web.Shell;

namespace Crossing.Web.Security;

/// <summary>
/// The one answer to an API request without valid credentials: the same 401 ProblemDetails whether the token was
/// missing, malformed, unknown or revoked, or the cookie lacked a second factor, so the answer reveals nothing.
/// </summary>
public static class ApiChallenge
{
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = Policies.BearerScheme;
        var l = context.RequestServices.GetRequiredService<Text<ShellText>>();
        return Results.Problem(
                title: l["Shell.Api.SignInRequired"],
                detail: l["Shell.Api.SignInRequired.Detail"],
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context);
    }

    public static Task WriteForbiddenAsync(HttpContext context)
    {
        var l = context.RequestServices.GetRequiredService<Text<ShellText>>();
        return Results.Problem(title: l["Shell.Api.NotAllowed"], detail: l["Shell.Api.NotAllowed.Detail"], statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);
    }
}
