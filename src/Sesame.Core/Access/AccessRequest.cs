using System.Security.Cryptography;
using Sesame.Core.Privacy;

namespace Sesame.Core.Access;

/// <summary>
/// Seed 003's "Demande d'accès aux services en ligne", done online: section 1 (the applications requested),
/// section 2 (the user, who commits not to disclose the credentials and to use them only for their purpose),
/// section 3 (the authorizer, their role and the scope), and section 4, "à l'usage de la RAMQ" (the operator's
/// part). Names and work details are encrypted (<see cref="PersonalDataProtector"/>); the two addresses stay
/// in clear because Sesame mails them (decision 0015). The authorizer's link secret is kept only as a keyed hash.
/// </summary>
public sealed class AccessRequest
{
    /// <summary>The authorizer has a week to confirm, like an invitation (decision 0014, issue 6).</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }

    /// <summary>
    /// Section 4's "Numéro de référence": nine digits, displayed <c>125 478 569</c> (identifiers.md), issued at
    /// submission so the person can quote it, and recorded with the operator's decision.
    /// </summary>
    public string ReferenceNumber { get; set; } = "";

    public Guid OrganizationId { get; set; }

    /// <summary>Section 1: the service codes requested, separated by spaces (among the organization's grantable ones).</summary>
    public string Services { get; set; } = "";

    /// <summary>"Possédez-vous un accès pour d'autres services en ligne de la RAMQ? Si oui, donnez votre nom d'utilisateur".</summary>
    public string? ExistingUsername { get; set; }

    /// <summary>Section 2's title and names, a <see cref="Accounts.ProfessionalName"/> encrypted under its purpose (copied to the profile on approval).</summary>
    public byte[] User { get; set; } = [];

    /// <summary>Section 2's "Fonction", "Téléphone" and "Poste": an <see cref="AccessRequestWork"/>, encrypted.</summary>
    public byte[] UserWork { get; set; } = [];

    /// <summary>Section 2's "Adresse électronique": the temporary password is mailed there.</summary>
    public string UserEmail { get; set; } = "";

    /// <summary>When the user ticked both of section 2's "Je m'engage".</summary>
    public DateTimeOffset UserCommittedAt { get; set; }

    /// <summary>Section 3's title and names, encrypted like <see cref="User"/>.</summary>
    public byte[] Authorizer { get; set; } = [];

    /// <summary>Section 3's "Adresse électronique": the confirmation link and then the username are mailed there.</summary>
    public string AuthorizerEmail { get; set; } = "";

    public AuthorizerRole AuthorizerRole { get; set; }

    public AccessScope Scope { get; set; }

    /// <summary>Section 5's installation numbers, separated by spaces, when the scope is <see cref="AccessScope.SomeInstallations"/>.</summary>
    public string Installations { get; set; } = "";

    public AccessRequestState State { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public byte[] ConfirmationHash { get; set; } = [];

    public DateTimeOffset ConfirmationExpiresAt { get; set; }

    /// <summary>When the authorizer confirmed or refused (their "SIGNATURE" of section 3).</summary>
    public DateTimeOffset? AuthorizerAnsweredAt { get; set; }

    /// <summary>Section 4's "Privilèges d'accès créés": the service codes granted, separated by spaces.</summary>
    public string? GrantedServices { get; set; }

    /// <summary>Section 4's "Période ou durée de validité des éléments d'identification délivrés".</summary>
    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidUntil { get; set; }

    /// <summary>Why the operator rejected the request, as they typed it (shown to the user, never in the audit trail).</summary>
    public string? RejectionReason { get; set; }

    /// <summary>Section 4's "Identifiant du répondant": the operator's account.</summary>
    public Guid? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The professional account created or reused on approval.</summary>
    public Guid? AccountId { get; set; }

    public IReadOnlyList<string> ServiceCodes => Split(Services);

    public IReadOnlyList<string> InstallationNumbers => Split(Installations);

    /// <summary>Issues the authorizer's link secret (256 bits, URL-safe), returned once in clear.</summary>
    public string IssueConfirmation(KeyedHasher hasher, DateTimeOffset now)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        ConfirmationHash = hasher.Hash("access-request-confirmation", Id.ToString(), secret);
        ConfirmationExpiresAt = now + ConfirmationLifetime;
        return secret;
    }

    /// <summary>The link works once (while the request waits for the authorizer) and for <see cref="ConfirmationLifetime"/>.</summary>
    public bool ConfirmationOpen(KeyedHasher hasher, string secret, DateTimeOffset now) =>
        State == AccessRequestState.Submitted && now < ConfirmationExpiresAt
        && hasher.Matches(ConfirmationHash, "access-request-confirmation", Id.ToString(), secret);

    private static string[] Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Section 2's work details, encrypted as one value.</summary>
public sealed record AccessRequestWork(string JobTitle, string Phone, string? Extension)
{
    public const string Purpose = "Sesame.AccessRequestWork.v1";
}

/// <summary>submitted → confirmed (or refused) by the authorizer → approved or rejected by an operator.</summary>
public enum AccessRequestState
{
    Submitted = 1,
    Confirmed = 2,
    RefusedByAuthorizer = 3,
    Approved = 4,
    Rejected = 5,
}

/// <summary>Section 3: "L'objet de la demande s'applique aux registres".</summary>
public enum AccessScope
{
    /// <summary>"De certaines installations de l'établissement" (numbers in section 5).</summary>
    SomeInstallations = 1,

    /// <summary>"De toutes les installations de l'établissement. Ne joignez pas de liste."</summary>
    WholeEstablishment = 2,

    /// <summary>"De la grappe de services (OPTILAB). Ne joignez pas de liste."</summary>
    OptilabCluster = 3,
}

/// <summary>Section 3's roles of the person who authorizes the request (seed 003's check boxes).</summary>
public enum AuthorizerRole
{
    DirecteurServicesProfessionnels = 1,
    DirecteurGeneral = 2,
    RepresentantOptilab = 3,
    MedecinResponsableGmf = 4,
    MedecinCoresponsableGmf = 5,
}
