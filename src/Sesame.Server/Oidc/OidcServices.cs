using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using Sesame.Core.Data;
using Sesame.Core.Services;
using Sesame.Server.Features.Directory;
using Sesame.Server.Infrastructure;
using Sesame.Server.Oidc.Handlers;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sesame.Server.Oidc;

/// <summary>
/// Sesame as an OpenID Connect provider (mission.md §3) on OpenIddict: code flow with PKCE S256 only,
/// refresh tokens that rotate (a reused one revokes its family), client credentials, userinfo, RP-initiated
/// logout, revocation, introspection and pushed authorization requests.
/// </summary>
public static class OidcServices
{
    public const string AuthorizationPath = "connect/authorize";
    public const string EndSessionPath = "connect/logout";

    /// <summary>The scope of service-to-service calls (client credentials) between government services.</summary>
    public const string ServiceApiScope = "services.api";

    /// <summary>The directory of professionals (docs/decisions/0016), for professional services on their own behalf.</summary>
    public const string DirectoryScope = "annuaire.professionnels";

    public static WebApplicationBuilder AddSesameOidc(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var sesame = configuration.GetSection(SesameOptions.Section).Get<SesameOptions>() ?? new SesameOptions();
        builder.Services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OidcOptions>, ProductionSafety>();
        builder.Services.AddSingleton<ClientLookupCache>();

        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<SesameDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, SesameApplicationManager>();
            })
            .AddServer(server =>
            {
                if (sesame.PublicOrigin is not null)
                {
                    // Several nodes must agree on the issuer; without it, the request's origin is used.
                    server.SetIssuer(sesame.PublicOrigin);
                }

                server.SetAuthorizationEndpointUris(AuthorizationPath)
                    .SetPushedAuthorizationEndpointUris("connect/par")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris(EndSessionPath)
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");

                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

                // RFC 9700 §2.1.1: PKCE for every client, and only S256 (stack-notes pitfall 8: drop "plain").
                server.RequireProofKeyForCodeExchange();
                server.Configure(options =>
                {
                    options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    options.PromptValues.Remove(PromptValues.SelectAccount);
                    options.SubjectTypes.Clear();
                    options.SubjectTypes.Add(SubjectTypes.Pairwise);
                });

                server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Email, ServiceApiScope, DirectoryScope);
                server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.AuthenticationContextReference,
                    Claims.AuthenticationMethodReference, Claims.AuthenticationTime, IdentificationClaims.OrganizationsClaim);

                // A refresh token works once: a second use is a theft signal and revokes the whole family.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.SetAccessTokenLifetime(oidc.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(oidc.RefreshTokenLifetime);

                // Access tokens are signed JWTs that other teams' APIs can check against the JWKS (pitfall 9);
                // codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();
                AddKeys(server, oidc, builder.Environment);

                // Errors that can be sent back to the service are redirected by OpenIddict; the others (unknown
                // client, unregistered redirect_uri) become a status code that Sesame's localized error page shows.
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (sesame.LocalHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                server.AddEventHandler(IssueClientCredentialsPrincipal.Descriptor);
                server.AddEventHandler(SkipStoringClientCredentialsAccessTokens.Descriptor);
                server.AddEventHandler(AdvertiseAssuranceLevels.Descriptor);
                server.AddEventHandler(RecordUserInfoRead.Descriptor);
                server.AddEventHandler(AttachProfessionalClaims.Descriptor);
            })
            .AddValidation(validation =>
            {
                // Sesame's own APIs (the directory) accept the access tokens this server issued, checked in-process
                // against the same keys and, for stored tokens, the same database.
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        builder.Services.AddProfessionalDirectory();
        builder.Services.AddScoped<IdentificationClaims>();
        builder.Services.AddScoped<ServiceRegistration>();
        return builder;
    }

    private static void AddKeys(OpenIddictServerBuilder server, OidcOptions oidc, IWebHostEnvironment environment)
    {
        if (oidc.SigningCertificates.Count > 0 && oidc.SigningCertificates.All(c => File.Exists(c.Path)))
        {
            foreach (var certificate in oidc.SigningCertificates)
            {
                server.AddSigningCertificate(certificate.Load());
            }

            foreach (var certificate in oidc.EncryptionCertificates.Where(c => File.Exists(c.Path)))
            {
                server.AddEncryptionCertificate(certificate.Load());
            }
        }
        else if (oidc.EphemeralKeys || environment.IsProduction())
        {
            // Production without certificates is refused at start-up (ProductionSafety); these keys never sign there.
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
        }
        else
        {
            // The run command: self-signed certificates kept in the user's certificate store across runs.
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
        }
    }

    /// <summary>The acr values Sesame can reach, published in discovery.</summary>
    public static readonly string[] AcrValues = [AssuranceLevels.AccountAcr, AssuranceLevels.IdentifiedPersonAcr];
}
