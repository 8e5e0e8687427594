using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Host.Auth;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Security;

/// <summary>Sign-in sessions, throttling, the Liquid bounds and the Production secrets check (the pipeline's guards are placed in <see cref="Extensions.MapExportTaxCheck"/>).</summary>
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddExportTaxCheckSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<OfficerSessionOptions>().Bind(configuration.GetSection(OfficerSessionOptions.Section))
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.RecheckAfter >= TimeSpan.Zero, "Auth:Sessions:Lifetime must be positive and RecheckAfter not negative.")
            .ValidateOnStart();
        services.AddOptions<ThrottlingOptions>().Bind(configuration.GetSection(ThrottlingOptions.Section))
            .Validate(o => o.SignInsPerMinute > 0 && o.FailedApiKeysPerMinute > 0, "Auth:Throttling limits must be positive.")
            .ValidateOnStart();
        // An analyst's Liquid is bounded like their JavaScript (the e-mail templates share the renderer).
        services.AddOptions<LiquidOptions>().Bind(configuration.GetSection(LiquidOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MemoryLimitBytes > 0 && o.MaxSteps > 0 && o.MaxOutputChars > 0 && o.MaxCollectionItems > 0 && o.MaxTemplateChars > 0,
                "Every Expressions:Liquid bound must be positive.")
            .ValidateOnStart();
        if (builder.Environment.IsProduction())
        {
            services.AddSingleton<IValidateOptions<ApiKeyOptions>, ProductionSecrets>();
            services.AddSingleton<IValidateOptions<UsersOptions>, ProductionSecrets>();
        }
        services.AddOfficerAuthentication();
        services.AddSignInThrottling();
        return builder;
    }
}
