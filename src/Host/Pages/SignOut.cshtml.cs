using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

public sealed class SignOutModel(OfficerDirectory officers, SessionValidator sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");

    /// <summary>
    /// Ends the session for good: the security stamp changes, so a copy of this cookie (or a Studio token issued in it)
    /// stops working too, here at once and on other nodes within Auth:Sessions:RecheckAfter.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.Name is { } name)
        {
            await officers.RevokeSessionsAsync(name, ct);
            sessions.Forget(name);
        }
        await HttpContext.SignOutAsync(OfficerAuthentication.CookieScheme);
        return Redirect("/signin");
    }
}
