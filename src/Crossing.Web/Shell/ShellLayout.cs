namespace Crossing.Web.Shell;

public static class ShellLayout
{
    /// <summary>ViewData key: render the layout without looking up the caller (no navigation, no sign-out).</summary>
    public const string WithoutCaller = "Shell.WithoutCaller";

    /// <summary>
    /// The confirmations a redirect may ask for with <c>?done=NAME</c> (issue 7, field 4): a fixed list, so the query
    /// string picks a resource and never puts its own text on the page.
    /// </summary>
    public static readonly IReadOnlySet<string> Confirmations = new HashSet<string>(["recorded", "status", "signedout"], StringComparer.Ordinal);

    public static string? Confirmation(HttpRequest request) =>
        request.Query["done"].ToString() is { Length: > 0 } done && Confirmations.Contains(done) ? "Done." + done : null;
}
