using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace Crossing.Web.Shell;

/// <summary>
/// The staff web app's shell: layout, languages, security headers, errors, health, OpenAPI and the dashboard.
/// Program.cs calls <see cref="AddCrossingWebShell"/> with the services and <see cref="UseCrossingWebShell"/>
/// right after <c>Build()</c>, before authentication and authorization.
/// </summary>
public static class WebShell
{
    public static IServiceCollection AddCrossingWebShell(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<CallerAccessor>();

        // Each capability's strings sit beside its marker class in its own folder (Cases/CaseText.resx).
        services.AddLocalization();
        services.AddTransient(typeof(Text<>));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.All.Select(c => new CultureInfo(c.Name)).ToList();
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The language switch's cookie first, then the browser's preference; never a query string.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Feature folders: pages live in their capability's folder (Cases/Index.cshtml answers /cases), the
        // layout and shared partials in Shell/.
        services.AddRazorPages(o => o.RootDirectory = "/").AddViewLocalization();
        services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Shell/{0}.cshtml"));
        // No script runs, so client validation would only add data-val-* bytes, and the validation summary's
        // hidden <li style="display:none"> that the CSP blocks. Validation happens on the server.
        services.Configure<MvcViewOptions>(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // Korean text goes out as UTF-8 rather than numeric entities (half the bytes on a slow link);
        // markup-significant characters are still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        // The shell sends X-Frame-Options: DENY itself; antiforgery would otherwise add SAMEORIGIN.
        services.Configure<AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);

        services.AddShellErrors();
        services.AddShellHealth();
        services.AddShellOpenApi();
        services.AddSingleton<ShellNavigation>();
        services.AddDashboard();
        services.AddBindingMessages();
        return services;
    }

    /// <summary>
    /// Order matters: headers wrap everything (errors and static files included), errors wrap the rest,
    /// static files are served before authorization, and an unknown URL is a 404 before the fallback
    /// authorization policy can turn it into a sign-in redirect.
    /// </summary>
    public static WebApplication UseCrossingWebShell(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseShellErrors();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SecurityHeadersMiddleware.MarkStaticFile });
        app.Use(UnknownUrlIsNotFound);
        app.UseRequestLocalization();

        app.MapShellHealth();
        app.MapLanguageSwitch();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    private static Task UnknownUrlIsNotFound(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not null)
            return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>The languages the staff app speaks.</summary>
public static class SupportedCultures
{
    public sealed record Language(string Name, string NativeName);

    public const string Default = "en";

    /// <summary>Each language is offered under its own name, so a reader can find theirs whatever the page's language.</summary>
    public static readonly IReadOnlyList<Language> All = [new("en", "English"), new("ko", "한국어")];

    public static bool IsSupported(string? name) => All.Any(l => string.Equals(l.Name, name, StringComparison.Ordinal));
}
