using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Organizations;
using Sesame.Core.Services;
using Sesame.Server.Oidc;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests.Professionals;

/// <summary>
/// The "Rendez-vous santé Québec" sample (samples/RendezVousSante) on a real Kestrel port beside the test's Sesame,
/// registered there as DemoData registers rendez-vous-sante-demo: a professional service (its grantable service
/// code), the organizations claim, and the directory scope, under a client id and secret of its own.
/// </summary>
public sealed class RendezVousService : WebApplicationFactory<RendezVousSante.Program>
{
    public const string NameFr = "Rendez-vous santé Québec";

    private readonly SesameHost _sesame;
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private RendezVousService(SesameHost sesame)
    {
        _sesame = sesame;
    }

    public string ClientId { get; } = "rendez-vous-sante-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The sample's address, http://localhost:PORT/.</summary>
    public Uri RootUri { get; private set; } = new("http://localhost/");

    public static async Task<RendezVousService> StartAsync(SesameHost sesame)
    {
        var sample = new RendezVousService(sesame);
        // Not UseKestrel(port), which races Kestrel's bind (SesameHost.Start).
        sample.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        sample.StartServer();
        var address = sample.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sample.RootUri = new Uri(new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)
            .Replace("[::]", "localhost", StringComparison.Ordinal)), "/");

        await using var scope = sesame.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceRegistration>().RegisterAsync(new ServiceDefinition
        {
            ClientId = sample.ClientId,
            Secret = sample._secret,
            NameFr = NameFr,
            NameEn = "Rendez-vous santé Québec (medical appointments)",
            HomePage = sample.RootUri.ToString(),
            Sector = "ramq",
            Listed = false,
            ProfessionalServiceCode = ProfessionalService.RendezVousSante,
            AllowedClaims = [ReleasableClaims.IdentificationCode, ReleasableClaims.Organizations],
            RedirectUris = [new Uri(sample.RootUri, "/signin-oidc")],
            PostLogoutRedirectUris = [new Uri(sample.RootUri, "/signout-callback-oidc")],
            ServiceScopes = [OidcServices.DirectoryScope],
        });
        return sample;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sesame:Authority", _sesame.RootUri.ToString());
        builder.UseSetting("Sesame:ClientId", ClientId);
        builder.UseSetting("Sesame:ClientSecret", _secret);
        builder.UseSetting("Sesame:Directory", new Uri(_sesame.RootUri, "/api/annuaire/professionnels").ToString());
    }
}
