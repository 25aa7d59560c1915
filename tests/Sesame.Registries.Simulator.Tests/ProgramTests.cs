using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Sesame.Registries.Simulator.Tests.Support;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// The standalone simulator as <c>dotnet run --project src/Sesame.Registries.Simulator</c> starts it (Development,
/// appsettings.Development.json): its development credentials, its pages under <c>/simulateur</c>.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new();

    [Fact]
    public async Task The_root_sends_to_the_simulators_home_page()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/simulateur/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_development_credentials_of_appsettings_development_json_open_the_registries()
    {
        using var client = _factory.CreateClient();

        using var response = await SimulatorHost.PostJsonAsync(client, "/simulateur/saaq/v1/licence-verifications", "dev-key-saaq-not-for-production",
            """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""");
        using var home = await client.GetAsync(new Uri("/simulateur/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("match", Answer.Parse(await response.Content.ReadAsStringAsync()).Outcome);
        Assert.Contains("TREM 8553 1419", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
