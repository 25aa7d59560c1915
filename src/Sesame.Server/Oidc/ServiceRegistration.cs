using System.Globalization;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sesame.Core.Data;
using Sesame.Core.Services;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sesame.Server.Oidc;

/// <summary>Everything needed to register a government service with Sesame.</summary>
public sealed record ServiceDefinition
{
    public required string ClientId { get; init; }

    public required string NameFr { get; init; }

    public required string NameEn { get; init; }

    public required string HomePage { get; init; }

    public required string Sector { get; init; }

    /// <summary>A high-entropy secret for client_secret_basic/post; null for a client that signs assertions only.</summary>
    public string? Secret { get; init; }

    /// <summary>The client's public keys for private_key_jwt (RFC 7523).</summary>
    public JsonWebKeySet? Keys { get; init; }

    public AssuranceLevel RequiredLevel { get; init; } = AssuranceLevel.Account;

    public IReadOnlyList<string> AllowedClaims { get; init; } = [ReleasableClaims.IdentificationCode];

    /// <summary>For a professional service, the grantable service it is (see <see cref="RelyingParty.ProfessionalServiceCode"/>).</summary>
    public string? ProfessionalServiceCode { get; init; }

    public IReadOnlyList<Uri> RedirectUris { get; init; } = [];

    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Scopes the service may ask for on its own behalf (client credentials); none means it may not.</summary>
    public IReadOnlyList<string> ServiceScopes { get; init; } = [];

    public bool Listed { get; init; } = true;

    public int ListOrder { get; init; }
}

/// <summary>Registers a service: Sesame's own record and OpenIddict's application, saved together.</summary>
public sealed class ServiceRegistration(SesameDbContext db, IOpenIddictApplicationManager applications)
{
    public async Task RegisterAsync(ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        db.RelyingParties.Add(new RelyingParty
        {
            ClientId = service.ClientId,
            NameFr = service.NameFr,
            NameEn = service.NameEn,
            HomePage = service.HomePage,
            Sector = service.Sector,
            RequiredLevel = service.RequiredLevel,
            AllowedClaims = string.Join(' ', service.AllowedClaims),
            ProfessionalServiceCode = service.ProfessionalServiceCode,
            Listed = service.Listed,
            ListOrder = service.ListOrder,
        });
        await db.SaveChangesAsync(cancellationToken);

        if (service.RedirectUris.Count == 0 && service.ServiceScopes.Count == 0)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = service.ClientId,
            ClientSecret = service.Secret,
            JsonWebKeySet = service.Keys,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = service.NameFr,
        };
        descriptor.DisplayNames[CultureInfo.GetCultureInfo("fr")] = service.NameFr;
        descriptor.DisplayNames[CultureInfo.GetCultureInfo("en")] = service.NameEn;
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        if (service.RedirectUris.Count > 0)
        {
            descriptor.RedirectUris.UnionWith(service.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(service.PostLogoutRedirectUris);
            descriptor.Permissions.UnionWith(
            [
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.Endpoints.PushedAuthorization,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            ]);
            if (service.AllowedClaims.Contains(ReleasableClaims.Email))
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + Scopes.Email);
            }

            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        // The directory answers for the service a relying party is; a citizens' service has nothing to look up there.
        if (service.ServiceScopes.Contains(OidcServices.DirectoryScope) && service.ProfessionalServiceCode is null)
        {
            throw new InvalidOperationException($"Only a professional service may read the directory ({service.ClientId}).");
        }

        if (service.ServiceScopes.Count > 0)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
            descriptor.Permissions.UnionWith(service.ServiceScopes.Select(s => Permissions.Prefixes.Scope + s));
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }
}
