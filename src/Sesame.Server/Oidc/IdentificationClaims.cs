using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;
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

        if (facts.Released.Contains(ReleasableClaims.Organizations) && facts.Organizations.Count > 0)
        {
            // One JSON object keyed by organization code (RFC 7519 §4.3, a private claim): codes and names only, never
            // an internal id. An object, not an array, because a JWT library reads a one-element array back as a scalar.
            identity.AddClaim(new Claim(OrganizationsClaim, OrganizationsJson(facts.Organizations), JsonClaimValueTypes.Json));
        }

        identity.SetScopes(facts.Scopes);
        identity.SetDestinations(DestinationsOf);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A professional's organizations where this service is granted (docs/decisions/0016).</summary>
    public const string OrganizationsClaim = "organizations";

    /// <summary>The claim's shape, also the directory's: <c>{"ORG-…": {"name": "…", "services": ["…"]}}</c>.</summary>
    public static string OrganizationsJson(IEnumerable<GrantedOrganization> organizations) =>
        JsonSerializer.Serialize(OrganizationsObject(organizations), JsonOptions);

    public static IReadOnlyDictionary<string, OrganizationClaim> OrganizationsObject(IEnumerable<GrantedOrganization> organizations) =>
        organizations.ToDictionary(o => o.Code, o => new OrganizationClaim(o.Name, o.Services), StringComparer.Ordinal);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The allow-list: each claim Sesame may release, and the tokens it may appear in.</summary>
    public static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.AuthenticationContextReference or Claims.AuthenticationMethodReference or Claims.AuthenticationTime
            => [Destinations.IdentityToken, Destinations.AccessToken],
        Claims.Email or Claims.EmailVerified => [Destinations.IdentityToken, Destinations.AccessToken],

        // In the access token too, so that the userinfo endpoint can answer it (AttachProfessionalClaims).
        OrganizationsClaim => [Destinations.IdentityToken, Destinations.AccessToken],
        _ => [],
    };

    /// <summary>What the service is entitled to, given the scopes it asked for and who signs in.</summary>
    public static IReadOnlyList<string> Releasable(RelyingParty service, IEnumerable<string> scopes, AccountPopulation population)
    {
        var released = new List<string> { ReleasableClaims.IdentificationCode };
        if (scopes.Contains(Scopes.Email) && service.AllowedClaimSet.Contains(ReleasableClaims.Email))
        {
            released.Add(ReleasableClaims.Email);
        }

        // Only a professional service learns a professional's organizations; a citizen has none to give.
        if (population == AccountPopulation.Professional && service.ProfessionalServiceCode is not null
            && service.AllowedClaimSet.Contains(ReleasableClaims.Organizations))
        {
            released.Add(ReleasableClaims.Organizations);
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
    IReadOnlyList<string> Scopes)
{
    /// <summary>For a professional at a professional service: where they hold the service.</summary>
    public IReadOnlyList<GrantedOrganization> Organizations { get; init; } = [];
}

/// <summary>One organization of the organizations claim, under its code.</summary>
public sealed record OrganizationClaim(string Name, IReadOnlyList<string> Services);
