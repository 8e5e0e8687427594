using System.Globalization;
using System.Threading.RateLimiting;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in form, per client address (<see cref="ThrottlingOptions.SignInsPerMinute"/>
/// posts a minute), and the answer for addresses past it or past their failed API keys (<see cref="ApiKeyThrottle"/>):
/// 429 with Retry-After. Guessing passwords, or locking officers out one after another, goes at that pace at most.
/// </summary>
public static class SignInThrottling
{
    public const string Code = "TOO_MANY_REQUESTS";

    public static IServiceCollection AddSignInThrottling(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ThrottlingOptions>>((options, throttling) =>
        {
            var permits = throttling.Value.SignInsPerMinute;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(ApiKeyThrottle.AddressOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, _) => new ValueTask(TooManyAsync(context.HttpContext));
        });
        return services;
    }

    /// <summary>Before authentication: an address past its failed API keys is answered without its key being checked.</summary>
    public static IApplicationBuilder UseApiKeyThrottling(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ApiKeyAuthenticationHandler.HasKey(context.Request) && context.RequestServices.GetRequiredService<ApiKeyThrottle>().IsBlocked(context))
        {
            await TooManyAsync(context);
            return;
        }
        await next(context);
    });

    private static async Task TooManyAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = 60.ToString(CultureInfo.InvariantCulture);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = "Too many sign-ins or wrong keys from this address; try again in a minute.",
        };
        problem.Extensions["code"] = Code;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
