namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulated registries on their own (docs/registries.md): <c>dotnet run --project src/Sesame.Registries.Simulator</c>.
/// An explicit entry point in the simulator's namespace, not top-level statements, so that Sesame, which
/// references this project to mount it, keeps the only global <c>Program</c>.
/// </summary>
public static class SimulatorProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRegistrySimulator(builder.Configuration);
        var app = builder.Build();
        app.MapRegistrySimulator("/simulateur");
        app.MapGet("/", () => Results.Redirect("/simulateur"));
        await app.RunAsync();
    }
}
