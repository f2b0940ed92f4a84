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
        return Results.Problem(
                title: "Sign-in required",
                detail: "Send a valid API token as 'Authorization: Bearer crs_...', or sign in with a password and second factor.",
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context);
    }

    public static Task WriteForbiddenAsync(HttpContext context) =>
        Results.Problem(title: "Not allowed", detail: "Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);
}
