using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// A form post naming a handler the page does not have is a 404. Razor Pages would otherwise render the page without
/// running any handler, so none of the data the page shows is loaded and drawing it fails, or run the page's unnamed
/// handler instead (signing out on <c>/signout?handler=NoSuchHandler</c>).
/// </summary>
public sealed class UnknownPageHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        var named = context.RouteData.Values["handler"]?.ToString() is { Length: > 0 } routed ? routed : context.HttpContext.Request.Query["handler"].ToString();
        var unknown = context.HandlerMethod is null || (named.Length > 0 && !string.Equals(context.HandlerMethod.Name, named, StringComparison.OrdinalIgnoreCase));
        if (unknown && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
