using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Crossing.Web.Shell;

/// <summary>
/// <c>POST /culture</c>: a plain form (no script) that stores the chosen language in the culture cookie
/// and goes back to the page it came from. Only a local return URL is accepted: anything else, a missing
/// antiforgery token or an unknown language is a bare 400 (the localised error page) and sets no cookie.
/// </summary>
public static class LanguageSwitch
{
    public const string Path = "/culture";

    public static void MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, SwitchAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> SwitchAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // A bare 400 lets the status code page explain, in the reader's language, on an HTML page.
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest();

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? culture = form["culture"];
        string? returnUrl = form["returnUrl"];
        if (string.IsNullOrEmpty(returnUrl))
            returnUrl = "/";
        if (!SupportedCultures.IsSupported(culture) || !IsLocalUrl(returnUrl))
            return Results.BadRequest();

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
            });
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>
    /// A path on this site, by ASP.NET Core's own rule (<c>IUrlHelper.IsLocalUrl</c>): one '/' (not '//' or '/\\',
    /// which browsers treat as another host) or '~/', and no control characters.
    /// </summary>
    public static bool IsLocalUrl(string? url) =>
        new UrlHelper(new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor())).IsLocalUrl(url);

    /// <summary>The page the switch should return to; on an error page, the address that failed.</summary>
    public static string ReturnUrlFor(HttpContext context)
    {
        string url;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is { } status)
            url = status.OriginalPathBase + status.OriginalPath + status.OriginalQueryString;
        else if (context.Features.Get<IExceptionHandlerPathFeature>() is not null)
            url = "/";
        else
            url = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        return IsLocalUrl(url) ? url : "/";
    }
}
