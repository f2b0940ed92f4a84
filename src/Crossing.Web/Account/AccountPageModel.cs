using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Crossing.Web.Shell;

namespace Crossing.Web.Account;

/// <summary>What the sign-in pages share: where to go back to, limited to this site.</summary>
public abstract class AccountPageModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A key in AccountText for the message to show, so the view renders it in the reader's language.</summary>
    public string? Error { get; protected set; }

    protected IActionResult RedirectBack() =>
        LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");

    /// <summary>Authenticator codes are often typed with spaces ("123 456").</summary>
    protected static string CleanCode(string? code) =>
        new((code ?? "").Where(char.IsAsciiDigit).ToArray());
}
