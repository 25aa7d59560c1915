namespace Sesame.Core.Organizations;

/// <summary>The kinds of organization of mission.md §5 (seeds 003 and 004).</summary>
public enum OrganizationKind
{
    /// <summary>An establishment of the health network, with its installations (seed 003: "Numéro d'installation").</summary>
    Establishment = 1,

    /// <summary>A groupe de médecine de famille.</summary>
    Gmf = 2,

    /// <summary>A cluster of medical laboratories (OPTILAB), which seed 003 lets an access cover as a whole.</summary>
    OptilabCluster = 3,

    /// <summary>A medical clinic, such as the one of seed 004 whose administrator enrols employees.</summary>
    Clinic = 4,
}

/// <summary>
/// An organization whose designated representatives enrol professionals (seed 004). Its name is public
/// information, not personal, so it is kept in clear.
/// </summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    /// <summary>
    /// The organization's stable public code, the one services receive in tokens and in the directory
    /// (docs/decisions/0016): random, so that it reveals nothing of the internal id or of the creation order.
    /// </summary>
    public string Code { get; set; } = OrganizationCodes.New();

    public OrganizationKind Kind { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<Installation> Installations { get; set; } = [];

    /// <summary>The services this organization's representatives may grant.</summary>
    public List<OrganizationService> Services { get; set; } = [];
}

/// <summary>An installation of an establishment, known by its number (seed 003 lists them by number).</summary>
public sealed class Installation
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Number { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>
/// A service a professional can be granted: seed 003's applications and seed 004's "Rendez-vous santé
/// Québec". The catalogue is reference data written by the migration, the same in every environment.
/// </summary>
public sealed class ProfessionalService
{
    public const string OnlinePaymentAuthorization = "autorisation-paiement";
    public const string ProfessionalAssociation = "association-professionnel";
    public const string RendezVousSante = "rendez-vous-sante";

    public string Code { get; set; } = "";

    public string NameFr { get; set; } = "";

    public string NameEn { get; set; } = "";

    public int ListOrder { get; set; }

    public static IReadOnlyList<ProfessionalService> Catalogue { get; } =
    [
        new() { Code = OnlinePaymentAuthorization, NameFr = "Autorisation des demandes de paiement en ligne", NameEn = "Authorization of online payment requests", ListOrder = 1 },
        new() { Code = ProfessionalAssociation, NameFr = "Association entre le responsable de l'autorisation et le professionnel", NameEn = "Association between the person responsible for the authorization and the professional", ListOrder = 2 },
        new() { Code = RendezVousSante, NameFr = "Rendez-vous santé Québec", NameEn = "Rendez-vous santé Québec (medical appointments)", ListOrder = 3 },
    ];
}

/// <summary>A service an organization's representatives may grant.</summary>
public sealed class OrganizationService
{
    public Guid OrganizationId { get; set; }

    public string ServiceCode { get; set; } = "";
}

/// <summary>
/// An account's membership in an organization: the services granted to it there, and whether it is one of
/// the organization's designated representatives (seed 004: "Inscription d'utilisateurs par un représentant
/// désigné").
/// </summary>
public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public bool IsDesignatedRepresentative { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<MembershipService> Services { get; set; } = [];
}

/// <summary>
/// A service granted to a member. A grant that came from an approved access request holds the validity period the
/// operator recorded (seed 003: "période de validité"); one from a representative's invitation has none and lasts
/// until removed. Days are the service's calendar days in Québec, both ends included.
/// </summary>
public sealed class MembershipService
{
    public Guid MembershipId { get; set; }

    public string ServiceCode { get; set; } = "";

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidUntil { get; set; }

    /// <summary>Whether the grant is in force on <paramref name="today"/>.</summary>
    public bool IsActiveOn(DateOnly today) => (ValidFrom is null || ValidFrom <= today) && (ValidUntil is null || ValidUntil >= today);
}

/// <summary>Makes organization codes: <c>ORG-</c> and 10 characters of an alphabet without look-alikes (50 bits).</summary>
public static class OrganizationCodes
{
    public const int Length = 14;

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => "ORG-" + System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 10);
}
