namespace Sesame.Core.Services;

/// <summary>
/// A government online service that sends people to Sesame (seed 001's list). The protocol side (secrets,
/// redirect URIs, permissions) is OpenIddict's application; this is what Sesame itself needs to know.
/// </summary>
public sealed class RelyingParty
{
    /// <summary>The OpenID Connect client_id, shared with the OpenIddict application.</summary>
    public string ClientId { get; set; } = "";

    public string NameFr { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>Where a person who refuses consent lands (seed 001: "la page d'accueil du ministère ou de l'organisme").</summary>
    public string HomePage { get; set; } = "";

    /// <summary>Services of one sector receive the same identification code for a person.</summary>
    public string Sector { get; set; } = "";

    public AssuranceLevel RequiredLevel { get; set; } = AssuranceLevel.Account;

    /// <summary>The claims this service may receive, space-separated (see <see cref="ReleasableClaims"/>).</summary>
    public string AllowedClaims { get; set; } = ReleasableClaims.IdentificationCode;

    /// <summary>
    /// For a professional service (mission.md §5), the code of the grantable service it is
    /// (<see cref="Organizations.ProfessionalService"/>): a professional signing in must hold it in an
    /// organization, and receives the organizations where they do (docs/decisions/0016). Null for a citizens' service.
    /// </summary>
    public string? ProfessionalServiceCode { get; set; }

    /// <summary>Shown on the public list of services that use Sesame.</summary>
    public bool Listed { get; set; } = true;

    public int ListOrder { get; set; }

    public IReadOnlySet<string> AllowedClaimSet =>
        new HashSet<string>(AllowedClaims.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}

/// <summary>The information a service can be allowed to receive, each named on the consent page.</summary>
public static class ReleasableClaims
{
    /// <summary>"votre code d'identification (code unique associé à votre identité)" — always released.</summary>
    public const string IdentificationCode = "identification_code";

    public const string Email = "email";

    /// <summary>A professional's organizations and the services granted there, for a professional service only.</summary>
    public const string Organizations = "organizations";

    public static readonly string[] All = [IdentificationCode, Email, Organizations];
}
