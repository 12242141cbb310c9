using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpeedUp.OperatorConsole.Backend;
using SpeedUp.OperatorConsole.Pages;
using SpeedUp.OperatorConsole.Sessions;

namespace SpeedUp.OperatorConsole;

/// <summary>Registers and mounts the operator console.</summary>
public static class OperatorConsoleExtensions
{
    /// <summary>
    /// The console's services: options (<see cref="ConsoleOptions.Section"/>), sessions, lockout, pages, antiforgery (its
    /// keys ephemeral: sessions live in memory, so a restart signs everybody out anyway) and the admin backend from
    /// <paramref name="backend"/>.
    /// </summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, AdminBackend> backend)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.FailureWindow > TimeSpan.Zero && o.LockoutDuration > TimeSpan.Zero,
                "SpeedUp:Console:IdleTimeout, FailureWindow and LockoutDuration must be positive")
            .Validate(o => o.MaxFailedSignIns is >= 1 and <= 100, "SpeedUp:Console:MaxFailedSignIns must be 1..100")
            .ValidateOnStart();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "speedup-console-csrf";
            options.Cookie.Path = "/console";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = Html.Forms.TokenField;
            options.HeaderName = null;
        });
        services.AddSingleton(backend);
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<SignInPage>();
        services.AddSingleton<IConsolePage, ChannelsPage>();
        services.AddSingleton<IConsolePage, SessionsPage>();
        services.AddSingleton<IConsolePage, StatisticsPage>();
        services.AddSingleton<IConsolePage, FailuresPage>();
        services.AddSingleton<IConsolePage, KeysPage>();
        services.AddSingleton<ConsoleRouter>();
        return services;
    }

    /// <summary>Whether <paramref name="path"/> is the console's.</summary>
    public static bool IsConsolePath(PathString path) => path.StartsWithSegments(ConsoleRouter.Prefix, StringComparison.Ordinal);

    /// <summary>Serves the console under /console when enabled (mount it on the admin listener's branch only).</summary>
    public static IApplicationBuilder UseOperatorConsole(this IApplicationBuilder app)
    {
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled;
        var router = app.ApplicationServices.GetRequiredService<ConsoleRouter>();
        return app.Use(async (context, next) =>
        {
            if (enabled && IsConsolePath(context.Request.Path))
            {
                await router.HandleAsync(context);
                return;
            }

            await next(context);
        });
    }
}
