using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");
}
