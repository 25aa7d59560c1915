using Microsoft.Extensions.Options;

namespace Sesame.Registries.Simulator;

/// <summary>How a host takes the simulator in: the run command mounts it inside Sesame; it also runs on its own.</summary>
public static class SimulatorServices
{
    public static IServiceCollection AddRegistrySimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection(SimulatorOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        services.AddSingleton(sp => new SimulatorState(sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<SimulatorOptions>()));
        return services;
    }

    /// <summary>Serves the contracts, the pages and the fault switches under <paramref name="prefix"/>; refused in Production.</summary>
    public static IEndpointRouteBuilder MapRegistrySimulator(this IEndpointRouteBuilder endpoints, string prefix = "/simulateur")
    {
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            throw new InvalidOperationException("The registry simulator never runs in Production: configure the real registries (docs/registries.md).");
        }

        var group = endpoints.MapGroup(prefix).DisableAntiforgery();
        RegistryApi.Map(group);
        SimulatorPages.Map(group);
        return endpoints;
    }
}
