using System.Security.Cryptography;
using System.Text;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;

namespace Sesame.Core.Access;

/// <summary>Stable codes of the access-request rules; the server's resource files hold their French and English text.</summary>
public static class AccessRuleCodes
{
    public const string SharedMailbox = "Access.Email.Shared";
    public const string SameAddress = "Access.Email.Same";
    public const string CapitalLetters = "Access.Name.Capitals";
    public const string RoleNotForOrganization = "Access.Role.NotForOrganization";
    public const string ScopeNotForOrganization = "Access.Scope.NotForOrganization";
    public const string InstallationsRequired = "Access.Scope.InstallationsRequired";
}

/// <summary>
/// The rules of seed 003's "Directives", written once so the form and the unit tests share them.
/// </summary>
public static class AccessRequestRules
{
    /// <summary>
    /// Seed 003: "nous n'acceptons que les adresses électroniques personnelles ou professionnelles (p. ex.
    /// jacques.untel@xx.com), et non les adresses de boîte courriel partagée (p. ex. information@xx.com)."
    /// These local parts name a function or a service, not a person. They are compared after folding (case,
    /// accents), without a "+tag", without dots, hyphens and underscores, and without trailing digits, so
    /// that "Réception", "no-reply", "info2" and "secretariat+rv" are all recognized. The list is ours
    /// (decision 0015): the seed gives one example, and a mailbox of a person is never on it.
    /// </summary>
    public static IReadOnlySet<string> SharedLocalParts { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "info", "infos", "information", "informations", "admin", "administration", "administrateur",
        "accueil", "reception", "secretariat", "secretaire", "clinique", "contact", "contacts", "noreply",
        "nepasrepondre", "donotreply", "bureau", "courriel", "courrier", "mail", "email", "general",
        "support", "soutien", "aide", "help", "service", "services", "office", "team", "equipe",
        "rendezvous", "rdv", "gmf", "direction", "rh", "facturation", "comptabilite", "webmaster", "postmaster",
    };

    /// <summary>Whether the address is a shared mailbox of <see cref="SharedLocalParts"/>.</summary>
    public static bool IsSharedMailbox(string email)
    {
        var at = email.LastIndexOf('@');
        var local = at <= 0 ? email : email[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        var folded = new StringBuilder();
        foreach (var c in TextFolding.Fold(local))
        {
            if (c is not ('.' or '-' or '_' or ' '))
            {
                folded.Append(c);
            }
        }

        var name = folded.ToString().TrimEnd("0123456789".ToCharArray());
        return SharedLocalParts.Contains(name);
    }

    /// <summary>
    /// Seed 003: "l'utilisateur et la personne qui autorise la demande d'accès doivent avoir des adresses
    /// électroniques différentes" — even when they are the same person. Addresses are compared without case and
    /// without a "+tag", which would reach the same mailbox.
    /// </summary>
    public static bool SameMailbox(string first, string second) =>
        string.Equals(Mailbox(first), Mailbox(second), StringComparison.Ordinal);

    /// <summary>The rules of one of the two addresses, after <see cref="EmailAddressRules"/>.</summary>
    public static IReadOnlyList<string> CheckEmail(string? email)
    {
        var basic = EmailAddressRules.Check(email);
        if (basic.Count > 0)
        {
            return basic;
        }

        return IsSharedMailbox(email!) ? [AccessRuleCodes.SharedMailbox] : [];
    }

    /// <summary>
    /// Seed 003: "Remplissez en lettres majuscules les sections 2 et 3 du formulaire." Names follow
    /// <see cref="PersonNameRules"/> and have no lower-case letter ("CÔTÉ-TREMBLAY", "O'BRIEN").
    /// </summary>
    public static IReadOnlyList<string> CheckCapitalName(string? name)
    {
        var basic = PersonNameRules.Check(name);
        if (basic.Count > 0)
        {
            return basic;
        }

        return name!.Any(char.IsLower) ? [AccessRuleCodes.CapitalLetters] : [];
    }

    /// <summary>
    /// Seed 003's "Autorisation": "Cette section doit être remplie par le directeur des services professionnels,
    /// le directeur général de l'établissement concerné, le représentant autorisé de la grappe de services
    /// (OPTILAB) ou le médecin responsable ou coresponsable du GMF." Each kind of organization has its roles;
    /// a clinic enrols its staff through its representatives instead (seed 004).
    /// </summary>
    public static IReadOnlyList<AuthorizerRole> RolesFor(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Establishment => [AuthorizerRole.DirecteurServicesProfessionnels, AuthorizerRole.DirecteurGeneral],
        OrganizationKind.OptilabCluster => [AuthorizerRole.RepresentantOptilab],
        OrganizationKind.Gmf => [AuthorizerRole.MedecinResponsableGmf, AuthorizerRole.MedecinCoresponsableGmf],
        _ => [],
    };

    /// <summary>Section 3's scopes: an establishment's installations (some or all), or the OPTILAB cluster as a whole.</summary>
    public static IReadOnlyList<AccessScope> ScopesFor(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Establishment => [AccessScope.SomeInstallations, AccessScope.WholeEstablishment],
        OrganizationKind.OptilabCluster => [AccessScope.OptilabCluster],
        OrganizationKind.Gmf => [AccessScope.WholeEstablishment],
        _ => [],
    };

    /// <summary>Organizations whose access is asked for with this form (seed 003: establishments, OPTILAB, GMF).</summary>
    public static bool UsesAccessRequests(OrganizationKind kind) => RolesFor(kind).Count > 0;

    /// <summary>Nine random digits, displayed <c>125 478 569</c> (identifiers.md, reference numbers).</summary>
    public static string NewReferenceNumber() => RandomNumberGenerator.GetString("0123456789", 9);

    public static string DisplayReference(string reference) =>
        reference.Length == 9 ? $"{reference[..3]} {reference[3..6]} {reference[6..]}" : reference;

    /// <summary>
    /// A temporary password that meets seed 004's professional rules (at least 8 characters, starts and ends with
    /// a letter, letters and digits): 14 characters, about 80 bits, without look-alike characters since the
    /// person types it from a mail.
    /// </summary>
    public static string NewTemporaryPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string any = letters + "23456789";
        while (true)
        {
            var middle = RandomNumberGenerator.GetString(any, 12);
            if (middle.Any(char.IsAsciiDigit))
            {
                return RandomNumberGenerator.GetString(letters, 1) + middle + RandomNumberGenerator.GetString(letters, 1);
            }
        }
    }

    /// <summary>
    /// The username Sesame gives a new account: the form of an e-mail address (seed 004) on a domain Sesame does
    /// not mail, random so that no name sits in clear in the account table (decision 0015).
    /// </summary>
    public static string NewUsername() =>
        "sel-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 10) + "@" + UsernameDomain;

    public const string UsernameDomain = "acces.sesame.quebec";

    private static string Mailbox(string email)
    {
        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0)
        {
            return trimmed;
        }

        var local = trimmed[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return (plus >= 0 ? local[..plus] : local) + trimmed[at..];
    }
}
