using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Services;
using Sesame.Server.Oidc;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests.Connect;

/// <summary>
/// The "Carnet santé Québec" sample (samples/CarnetSante) on a real Kestrel port beside the test's Sesame,
/// registered there as a service of the "ramq" sector under a client id and secret of its own.
/// </summary>
public sealed class SampleService : WebApplicationFactory<CarnetSante.Program>
{
    public const string NameFr = "Carnet santé Québec";

    private readonly SesameHost _sesame;
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private SampleService(SesameHost sesame)
    {
        _sesame = sesame;
    }

    public string ClientId { get; } = "carnet-sante-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The sample's address, http://localhost:PORT/.</summary>
    public Uri RootUri { get; private set; } = new("http://localhost/");

    /// <summary>Starts the sample, then registers it with Sesame for its real redirect and sign-out addresses.</summary>
    public static async Task<SampleService> StartAsync(SesameHost sesame, AssuranceLevel requiredLevel = AssuranceLevel.Account)
    {
        var sample = new SampleService(sesame);
        // Not UseKestrel(port), which races Kestrel's bind (SesameHost.Start).
        sample.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        sample.StartServer();
        var address = sample.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The same host name as Sesame's (localhost), as in the run command.
        sample.RootUri = new Uri(new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)
            .Replace("[::]", "localhost", StringComparison.Ordinal)), "/");

        await using var scope = sesame.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceRegistration>().RegisterAsync(new ServiceDefinition
        {
            ClientId = sample.ClientId,
            Secret = sample._secret,
            NameFr = NameFr,
            NameEn = "Carnet santé Québec (health record)",
            HomePage = sample.RootUri.ToString(),
            Sector = "ramq",
            RequiredLevel = requiredLevel,
            AllowedClaims = [ReleasableClaims.IdentificationCode, ReleasableClaims.Email],
            RedirectUris = [new Uri(sample.RootUri, "/signin-oidc")],
            PostLogoutRedirectUris = [new Uri(sample.RootUri, "/signout-callback-oidc")],
            Listed = false,
        });
        return sample;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sesame:Authority", _sesame.RootUri.ToString());
        builder.UseSetting("Sesame:ClientId", ClientId);
        builder.UseSetting("Sesame:ClientSecret", _secret);
    }
}
