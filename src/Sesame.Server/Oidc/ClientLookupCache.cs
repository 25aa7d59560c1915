using System.Collections.Concurrent;
using OpenIddict.EntityFrameworkCore.Models;

namespace Sesame.Server.Oidc;

/// <summary>
/// Registered clients, kept across requests for a short while. OpenIddict's own entity cache lives only as
/// long as a request, so without this every token request reads the client's row again: a quarter of the
/// token endpoint's CPU (docs/performance.md). Entries are copies: each request gets its own detached
/// instance, so no request can change what another sees. A change made through this node's application
/// manager evicts the entry at once; one made on another node is seen within <see cref="Lifetime"/>.
/// </summary>
public sealed class ClientLookupCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Bounded so that a flood of made-up client ids (which are never cached) cannot grow it either way.
    private const int MaximumEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public OpenIddictEntityFrameworkCoreApplication? Find(string clientId)
    {
        if (entries.TryGetValue(clientId, out var entry))
        {
            if (time.GetUtcNow() < entry.Expires)
            {
                return Copy(entry.Application);
            }

            entries.TryRemove(KeyValuePair.Create(clientId, entry));
        }

        return null;
    }

    public void Add(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.ClientId is null || entries.Count >= MaximumEntries)
        {
            return;
        }

        entries[application.ClientId] = new Entry(Copy(application), time.GetUtcNow() + Lifetime);
    }

    public void Evict(string? clientId)
    {
        if (clientId is not null)
        {
            entries.TryRemove(clientId, out _);
        }
    }

    private static OpenIddictEntityFrameworkCoreApplication Copy(OpenIddictEntityFrameworkCoreApplication source) => new()
    {
        Id = source.Id,
        ApplicationType = source.ApplicationType,
        ClientId = source.ClientId,
        ClientSecret = source.ClientSecret,
        ClientType = source.ClientType,
        ConcurrencyToken = source.ConcurrencyToken,
        ConsentType = source.ConsentType,
        DisplayName = source.DisplayName,
        DisplayNames = source.DisplayNames,
        JsonWebKeySet = source.JsonWebKeySet,
        Permissions = source.Permissions,
        PostLogoutRedirectUris = source.PostLogoutRedirectUris,
        Properties = source.Properties,
        RedirectUris = source.RedirectUris,
        Requirements = source.Requirements,
        Settings = source.Settings,
    };

    private sealed record Entry(OpenIddictEntityFrameworkCoreApplication Application, DateTimeOffset Expires);
}
