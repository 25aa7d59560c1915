using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>The simulator never answers in Production (architecture.md, principle 9); elsewhere it mounts where it is told.</summary>
public sealed class SimulatorServicesTests
{
    [Fact]
    public async Task Mounting_the_simulator_in_production_throws()
    {
        await using var app = Build("Production");

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapRegistrySimulator("/simulateur"));

        Assert.Contains("Production", refused.Message, StringComparison.Ordinal);
        Assert.Empty(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Staging")]
    public async Task Outside_production_the_simulator_mounts_under_its_prefix(string environment)
    {
        await using var app = Build(environment);

        app.MapRegistrySimulator("/simulateur");

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("/simulateur/ramq/v1/card-verifications", routes);
        Assert.Contains("/simulateur/pannes", routes);
    }

    private static WebApplication Build(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Services.AddRegistrySimulator(builder.Configuration);
        return builder.Build();
    }
}
