using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Sesame.Core.Privacy;

namespace Sesame.Server.Oidc;

/// <summary>
/// Client secrets are high-entropy random values, not passwords: a slow password hash only costs the token
/// endpoint time. They are kept as an HMAC-SHA-256 under the server's keyed-hash key and compared in fixed
/// time (issue 3, "Performance").
/// </summary>
public sealed class SesameApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    KeyedHasher hasher)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    private const string Prefix = "hmac-sha256:";

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
