using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Server.Oidc;

/// <summary>
/// Client secrets are high-entropy random values, not passwords: a slow password hash only costs the token
/// endpoint time. They are kept as an HMAC-SHA-256 under the server's keyed-hash key and compared in fixed
/// time (issue 3, "Performance"). Clients found by their id are kept across requests in
/// <see cref="ClientLookupCache"/>; updating or deleting one through this manager evicts it.
/// </summary>
public sealed class SesameApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    KeyedHasher hasher,
    ClientLookupCache clients,
    SesameDbContext db)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    private const string Prefix = "hmac-sha256:";

    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(
        string identifier, CancellationToken cancellationToken = default)
    {
        if (clients.Find(identifier) is { } cached)
        {
            // The copy joins this request's context as if it had been read, so that a later update or a
            // store lookup in the same request finds this very instance rather than a second one.
            var tracked = db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreApplication>()
                .FirstOrDefault(e => e.Entity.Id == cached.Id);
            if (tracked is not null)
            {
                return tracked.Entity;
            }

            db.Attach(cached);
            return cached;
        }

        // The base lookup also checks the id's exact case, which a case-insensitive collation would not.
        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            clients.Add(application);
        }

        return application;
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        clients.Evict(application.ClientId);
        await base.UpdateAsync(application, cancellationToken);
        clients.Evict(application.ClientId);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        clients.Evict(application.ClientId);
        await base.DeleteAsync(application, cancellationToken);
        clients.Evict(application.ClientId);
    }

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        new(Prefix + Convert.ToBase64String(hasher.Hash("client-secret", secret)));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!comparand.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new(false);
        }

        var expected = Convert.FromBase64String(comparand[Prefix.Length..]);
        return new(hasher.Matches(expected, "client-secret", secret));
    }
}
