using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sesame.Core.Services;
using Sesame.Server.Oidc;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Connect;

/// <summary>Client authentication by private_key_jwt (RFC 7523 §2.2) and the services list page.</summary>
[Collection(ServerCollection.Name)]
public sealed class ClientAuthenticationTests(ServerFixture server)
{
    [Fact]
    public async Task A_service_authenticates_with_a_signed_assertion_and_a_forged_one_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "cle-1" };
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "cle-1" });
        publicJwk.Use = "sig";
        var clientId = "jwt-" + Guid.NewGuid().ToString("N")[..10];
        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            var keys = new JsonWebKeySet();
            keys.Keys.Add(publicJwk);
            await scope.ServiceProvider.GetRequiredService<ServiceRegistration>().RegisterAsync(new ServiceDefinition
            {
                ClientId = clientId,
                NameFr = "Service à clé",
                NameEn = "Key service",
                HomePage = "https://cle.exemple.ca/",
                Sector = "cle",
                Keys = keys,
                ServiceScopes = [OidcServices.ServiceApiScope],
                Listed = false,
            });
        }

        var accepted = await TokenWithAssertionAsync(clientId, key);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(clientId, OidcClient.Payload(accepted.Body.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());

        using var other = RSA.Create(2048);
        var forged = await TokenWithAssertionAsync(clientId, new RsaSecurityKey(other) { KeyId = "cle-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal("invalid_client", forged.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_services_page_lists_registered_services_in_the_persons_language()
    {
        var service = await OidcClient.RegisterAsync(server);
        using var browser = server.NewBrowser();
        var french = await browser.GetAsync("/services");
        Assert.Contains("Service d'essai " + service.ClientId, french.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://service.exemple.ca/\"", french.Html, StringComparison.Ordinal);

        await browser.GetAsync("/langue?culture=en&retour=%2Fservices");
        var english = await browser.GetAsync("/services");
        Assert.Contains("Test service " + service.ClientId, english.Text, StringComparison.Ordinal);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.RelyingParties.CountAsync(r => r.ClientId == service.ClientId && r.Listed)));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenWithAssertionAsync(string clientId, SecurityKey key)
    {
        // OpenIddict 7 wants the issuer as audience and the explicit type of RFC 7523bis.
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = "https://localhost/",
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = server.Host.Clock.GetUtcNow().UtcDateTime,
            NotBefore = server.Host.Clock.GetUtcNow().UtcDateTime,
            Expires = server.Host.Clock.GetUtcNow().UtcDateTime.AddMinutes(2),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = "client-authentication+jwt",
        });
        using var client = server.Host.NewClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = OidcServices.ServiceApiScope,
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
