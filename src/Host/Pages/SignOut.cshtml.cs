using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(OfficerAuthentication.CookieScheme);
        return Redirect("/signin");
    }
}
