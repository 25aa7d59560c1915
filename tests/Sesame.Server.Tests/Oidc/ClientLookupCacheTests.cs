using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Oidc;

/// <summary>
/// Clients are kept across requests (docs/performance.md), but what a service's team changes takes effect
/// on the next request: a cached client must never outlive a new secret or a deleted registration.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ClientLookupCacheTests(ServerFixture server)
{
    private static readonly Dictionary<string, string> ClientCredentials = new()
    {
        ["grant_type"] = "client_credentials",
        ["scope"] = "services.api",
    };

    [Fact]
    public async Task A_changed_secret_is_required_on_the_very_next_request()
    {
        var service = await OidcClient.RegisterAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await service.TokenAsync(ClientCredentials)).Status);
        Assert.Equal(HttpStatusCode.OK, (await service.TokenAsync(ClientCredentials)).Status);

        const string newSecret = "nouveau-secret-de-service-a-haute-entropie-0123456789";
        await WithApplicationAsync(service.ClientId, async (applications, application) =>
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.ClientSecret = newSecret;
            await applications.UpdateAsync(application, descriptor);
        });

        var old = await service.TokenAsync(ClientCredentials);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal("invalid_client", old.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.TokenAsync(ClientCredentials, newSecret)).Status);
    }

    [Fact]
    public async Task A_deleted_service_is_refused_on_the_very_next_request()
    {
        var service = await OidcClient.RegisterAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await service.TokenAsync(ClientCredentials)).Status);

        await WithApplicationAsync(service.ClientId, (applications, application) => applications.DeleteAsync(application).AsTask());

        var refused = await service.TokenAsync(ClientCredentials);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_client", refused.Body.GetProperty("error").GetString());
    }

    private async Task WithApplicationAsync(string clientId, Func<IOpenIddictApplicationManager, object, Task> change)
    {
        await using var scope = server.Host.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException(clientId);
        await change(applications, application);
    }
}
