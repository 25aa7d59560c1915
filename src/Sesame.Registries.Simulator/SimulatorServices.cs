using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Sesame.Registries.Simulator;

/// <summary>
/// How a host takes the simulator in: the run command mounts it inside Sesame (the lead's wiring); it also runs on its
/// own (<see cref="Program"/>). It registers only its own types, so that it changes nothing else in the host.
/// </summary>
public static class SimulatorServices
{
    /// <summary>
    /// Registers the simulator's options (section <c>Simulator</c>) and state. Its clock is the host's
    /// <see cref="TimeProvider"/> when the host registered one (so a test's fake clock drives activation keys and tax
    /// years too), the system clock otherwise; it does not register one itself.
    /// </summary>
    public static IServiceCollection AddRegistrySimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Bound when first resolved, not now: a host (or WebApplicationFactory) may add configuration after this call.
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.Section))
            .Validate(o => o.SlowDelay >= TimeSpan.Zero && o.PopulationSize > 0,
                "Simulator:SlowDelay must not be negative and Simulator:PopulationSize must be positive.");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        services.AddSingleton(sp => new SimulatorState(sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<SimulatorOptions>()));
        return services;
    }

    /// <summary>
    /// Serves the contracts, the pages and the fault switches under <paramref name="prefix"/> (docs/registries.md).
    /// Refused in Production (architecture.md): the simulator stands in for registries we cannot reach, never for real ones.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistrySimulator(this IEndpointRouteBuilder endpoints, string prefix = "/simulateur")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            throw new InvalidOperationException("The registry simulator never runs in Production: configure the real registries (docs/registries.md).");
        }

        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(SimulatorState)))
        {
            throw new InvalidOperationException("Call services.AddRegistrySimulator(configuration) before MapRegistrySimulator.");
        }

        var trimmed = prefix.Trim('/');
        var root = trimmed.Length == 0 ? "" : "/" + trimmed;
        var group = endpoints.MapGroup(root.Length == 0 ? "/" : root)
            .DisableAntiforgery()
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                // The host's status-code pages (Sesame re-executes errors to its HTML error page) must not replace
                // a registry's answer: the contract's 400, 401 and 500 are the simulator's own.
                if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                }

                return await next(context);
            });
        RegistryApi.Map(group);
        SimulatorPages.Map(group, root);
        return endpoints;
    }

    /// <summary>
    /// Starts the simulator alone on a free loopback port, for tests that reach it over real HTTP as Sesame reaches a
    /// registry; returns the running application and its root address.
    /// </summary>
    public static async Task<(WebApplication App, Uri Root)> StartOnLoopbackAsync(IEnumerable<KeyValuePair<string, string?>> settings, string prefix = "/simulateur")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRegistrySimulator(builder.Configuration);
        var app = builder.Build();
        app.MapRegistrySimulator(prefix);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
