using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sesame.Core.Accounts;
using Sesame.Core.Services;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sesame.Server.Oidc;

/// <summary>
/// The one place that decides what a service learns about a person. Claims leave only through the
/// allow-list in <see cref="DestinationsOf"/>: a claim it does not name goes nowhere (architecture.md,
/// principle 5). The subject is the identification code; no internal identifier is ever added.
/// </summary>
public sealed class IdentificationClaims
{
    public ClaimsPrincipal Create(SignInFacts facts)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, facts.IdentificationCode);
        identity.SetClaim(Claims.AuthenticationContextReference, facts.Level.Acr());
        identity.SetClaims(Claims.AuthenticationMethodReference, [.. facts.Methods]);
        identity.AddClaim(new Claim(Claims.AuthenticationTime,
            facts.AuthenticatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (facts.Released.Contains(ReleasableClaims.Email))
        {
            identity.SetClaim(Claims.Email, facts.User.Email);
            identity.AddClaim(new Claim(Claims.EmailVerified, "true", ClaimValueTypes.Boolean));
        }

        identity.SetScopes(facts.Scopes);
        identity.SetDestinations(DestinationsOf);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The allow-list: each claim Sesame may release, and the tokens it may appear in.</summary>
    public static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.AuthenticationContextReference or Claims.AuthenticationMethodReference or Claims.AuthenticationTime
            => [Destinations.IdentityToken, Destinations.AccessToken],
        Claims.Email or Claims.EmailVerified => [Destinations.IdentityToken, Destinations.AccessToken],
        _ => [],
    };

    /// <summary>What the service is entitled to, given the scopes it asked for.</summary>
    public static IReadOnlyList<string> Releasable(RelyingParty service, IEnumerable<string> scopes)
    {
        var released = new List<string> { ReleasableClaims.IdentificationCode };
        if (scopes.Contains(Scopes.Email) && service.AllowedClaimSet.Contains(ReleasableClaims.Email))
        {
            released.Add(ReleasableClaims.Email);
        }

        return released;
    }
}

/// <summary>What is known at the end of an authorization request.</summary>
public sealed record SignInFacts(
    SesameUser User,
    string IdentificationCode,
    AssuranceLevel Level,
    IReadOnlyList<string> Methods,
    DateTimeOffset AuthenticatedAt,
    IReadOnlyList<string> Released,
    IReadOnlyList<string> Scopes);
