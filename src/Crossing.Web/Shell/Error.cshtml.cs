using System.Diagnostics;
using System.Globalization;
using Crossing.Web.Shell;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Shell;

/// <summary>
/// The HTML error page, reached only by re-execution from the error handlers. It shows a localised
/// explanation and a trace id for support, never the exception.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string TraceId { get; private set; } = "";

    public string MessageKey => Status switch
    {
        400 => "Error.BadRequest",
        403 => "Error.Forbidden",
        404 => "Error.NotFound",
        405 => "Error.NotFound",
        429 => "Error.TooManyRequests",
        503 => "Error.Unavailable",
        _ when Status >= 500 => "Error.Server",
        _ => "Error.Generic",
    };

    /// <summary>
    /// Runs for every method, with or without a handler, so a failed POST or DELETE gets the page too.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        int? status = RouteData.Values.TryGetValue("status", out var value) && int.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        // Visiting /Error directly is not an error of its own: it is a page that does not exist.
        Status = reExecuted ? status ?? Response.StatusCode : StatusCodes.Status404NotFound;
        if (Status < 400)
            Status = StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (Status >= 500)
            ViewData[ShellLayout.WithoutCaller] = true;
    }
}
