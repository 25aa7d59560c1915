namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulated registries on their own (docs/registries.md): <c>dotnet run --project src/Sesame.Registries.Simulator</c>,
/// at http://localhost:5070/simulateur (launchSettings.json, Development). A regular <c>Main</c> in the simulator's
/// namespace rather than top-level statements: Sesame references this project to mount the simulator and has its own
/// global <c>Program</c>, which a second global one would collide with. Public and partial so that tests can start it
/// with <c>WebApplicationFactory&lt;Program&gt;</c>.
/// </summary>
public partial class Program
{
    protected Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRegistrySimulator(builder.Configuration);
        var app = builder.Build();
        app.MapRegistrySimulator("/simulateur");
        app.MapGet("/", () => Results.Redirect("/simulateur/"));
        await app.RunAsync();
    }
}
