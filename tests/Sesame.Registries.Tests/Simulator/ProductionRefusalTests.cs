using Microsoft.AspNetCore.Builder;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>The simulator never answers in Production (architecture.md, principle 9).</summary>
public sealed class ProductionRefusalTests
{
    [Fact]
    public void Mounting_the_simulator_in_production_is_refused()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Services.AddRegistrySimulator(builder.Configuration);
        using var app = builder.Build();
        var refused = Assert.Throws<InvalidOperationException>(() => app.MapRegistrySimulator());
        Assert.Contains("never runs in Production", refused.Message, StringComparison.Ordinal);
    }
}
