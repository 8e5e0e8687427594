using ExportTaxCheck.Engine.Clock;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportTaxCheck.Host.Clock;

public static class ClockRegistration
{
    /// <summary>
    /// With <c>Clock:Mode=Adjustable</c> the one <see cref="TimeProvider"/> of the service becomes an <see cref="AdjustableClock"/>
    /// that the clock API moves; refused in Production. Call after the engine is added.
    /// </summary>
    public static WebApplicationBuilder AddAdjustableClock(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ClockOptions.Section);
        var options = section.Get<ClockOptions>() ?? new ClockOptions();
        builder.Services.AddOptions<ClockOptions>().Bind(section);
        if (!options.IsAdjustable)
        {
            if (!string.Equals(options.Mode, ClockOptions.System, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Clock:Mode must be {ClockOptions.System} or {ClockOptions.Adjustable}, not '{options.Mode}'.");
            return builder;
        }
        if (builder.Environment.IsProduction())
            throw new InvalidOperationException("Clock:Mode=Adjustable is refused in Production: a movable clock is for demonstrations, training and tests. "
                                                + "Remove the setting, or run with ASPNETCORE_ENVIRONMENT=Development or Staging.");

        var clock = new AdjustableClock(TimeProvider.System);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        services.AddSingleton<ClockOffsetStore>();
        services.AddSingleton<ClockAdvancer>();
        services.AddHostedService<ClockSyncWorker>();
        // Sign-in sessions keep the real clock: moving the simulated time by days must not sign the officers out.
        services.PostConfigure<CookieAuthenticationOptions>(OfficerAuthentication.CookieScheme, o => o.TimeProvider = clock.Base);
        return builder;
    }

    /// <summary>Whether this Host runs the simulated clock (its API and the banner are there only then).</summary>
    public static bool HasAdjustableClock(this IServiceProvider services) => services.GetService<AdjustableClock>() is not null;
}
