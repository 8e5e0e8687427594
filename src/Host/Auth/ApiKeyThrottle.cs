using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Auth;

/// <summary>
/// Failed API keys per client address (the rate limiter ASP.NET Core's middleware is built on, one fixed window a minute):
/// once an address has sent <see cref="ThrottlingOptions.FailedApiKeysPerMinute"/> wrong keys, its keys are not checked
/// for the rest of the minute and it is answered 429. Guessing keys went at 300 in 4 s before.
/// </summary>
public sealed class ApiKeyThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public ApiKeyThrottle(IOptions<ThrottlingOptions> options)
    {
        var limit = options.Value.FailedApiKeysPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public bool IsBlocked(HttpContext context) => _failures.GetStatistics(AddressOf(context))?.CurrentAvailablePermits == 0;

    public void RecordFailure(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(AddressOf(context));
    }

    public void Dispose() => _failures.Dispose();
}
