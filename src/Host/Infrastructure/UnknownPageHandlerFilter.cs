using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// A form post naming a handler the page does not have is a 404. Razor Pages would otherwise render the page without
/// running any handler, so none of the data the page shows is loaded and drawing it fails.
/// </summary>
public sealed class UnknownPageHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
