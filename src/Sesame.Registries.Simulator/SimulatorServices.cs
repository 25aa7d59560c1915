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

    /// <summary>
    /// Starts the simulator alone on a free loopback port, for tests that reach it over real HTTP as Sesame
    /// reaches a registry; returns the running application and its root address.
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
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
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
