namespace Sesame.Core.Audit;

/// <summary>
/// The catalogue of audit events (issue 7; seed 004: who, what action, the nature of the information, date and
/// time): one record type per event, each with a stable code. Details hold only masked or non-personal values,
/// since the trail is kept for years and shown to operators.
/// </summary>
public abstract record AuditEvent
{
    /// <summary>The stable code of the event, e.g. <c>account.created</c>.</summary>
    public abstract string Code { get; }

    /// <summary>The nature of the information involved (seed 004), in French as the trail is read by Québec operators.</summary>
    public abstract string Nature { get; }

    public abstract AuditOutcome Outcome { get; }

    /// <summary>The account the event is about.</summary>
    public Guid? Subject { get; init; }

    /// <summary>Who acted: an account id, <c>service:{client_id}</c>, <c>operator:{id}</c> or <c>system</c>.</summary>
    public string Actor { get; init; } = "system";

    /// <summary>The service (client id) involved, if any.</summary>
    public string? Service { get; init; }

    /// <summary>The organization involved, if any (professional access, a later issue).</summary>
    public string? Organization { get; init; }

    /// <summary>A short, non-personal detail (a method, a registry, a masked value).</summary>
    public virtual string? Detail => null;
}

public enum AuditOutcome
{
    Success,
    Failure,
    Refused,
}

public sealed record AccountCreated : AuditEvent
{
    public override string Code => "account.created";

    public override string Nature => "compte (nom d'utilisateur, courriel)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The address given at account creation was proven with the mailed code (seed 001).</summary>
public sealed record EmailConfirmed : AuditEvent
{
    public override string Code => "account.email-confirmed";

    public override string Nature => "compte (courriel)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

public sealed record SignedIn(string Method) : AuditEvent
{
    public override string Code => "session.signed-in";

    public override string Nature => "authentification";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Method;
}

public sealed record SignInFailed : AuditEvent
{
    public override string Code => "session.sign-in-failed";

    public override string Nature => "authentification";

    public override AuditOutcome Outcome => AuditOutcome.Failure;
}

public sealed record PasswordReset : AuditEvent
{
    public override string Code => "account.password-reset";

    public override string Nature => "authentification (mot de passe)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

public sealed record IdentityVerified(string Method) : AuditEvent
{
    public override string Code => "identity.verified";

    public override string Nature => "identité (NAM, NAS, nom, date de naissance)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Method;
}

public sealed record IdentityCheckFailed(string Evidence) : AuditEvent
{
    public override string Code => "identity.check-failed";

    public override string Nature => "identité (NAM, NAS, nom, date de naissance)";

    public override AuditOutcome Outcome => AuditOutcome.Failure;

    public override string? Detail => Evidence;
}

public sealed record ConsentGranted(string Claims) : AuditEvent
{
    public override string Code => "consent.granted";

    public override string Nature => "communication de renseignements personnels";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Claims;
}

public sealed record ConsentRefused : AuditEvent
{
    public override string Code => "consent.refused";

    public override string Nature => "communication de renseignements personnels";

    public override AuditOutcome Outcome => AuditOutcome.Refused;
}

public sealed record ConsentWithdrawn : AuditEvent
{
    public override string Code => "consent.withdrawn";

    public override string Nature => "communication de renseignements personnels";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

public sealed record AccountPurged : AuditEvent
{
    public override string Code => "account.purged";

    public override string Nature => "compte (jamais confirmé)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>A service or an operator read a person's information (issue 7); the detail names what, never the values.</summary>
public sealed record PersonalInformationRead(string What) : AuditEvent
{
    public override string Code => "personal-information.read";

    public override string Nature => "renseignements personnels (lecture)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => What;
}

/// <summary>A second factor was set up (issue 5): <c>totp</c>, <c>cle-d-acces</c> or <c>codes-recuperation</c>.</summary>
public sealed record FactorAdded(string Factor) : AuditEvent
{
    public override string Code => "factor.added";

    public override string Nature => "authentification (méthode de connexion)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Factor;
}

public sealed record FactorRemoved(string Factor) : AuditEvent
{
    public override string Code => "factor.removed";

    public override string Nature => "authentification (méthode de connexion)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Factor;
}

public sealed record PasswordChanged : AuditEvent
{
    public override string Code => "account.password-changed";

    public override string Nature => "authentification (mot de passe)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The e-mail address was replaced; the detail is the new address masked.</summary>
public sealed record EmailChanged(string MaskedAddress) : AuditEvent
{
    public override string Code => "account.email-changed";

    public override string Nature => "compte (courriel)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => MaskedAddress;
}

/// <summary>Sessions ended by the person: <c>une</c> (one other browser) or <c>toutes</c> ("sign out everywhere").</summary>
public sealed record SessionsEnded(string Which) : AuditEvent
{
    public override string Code => "session.ended-by-person";

    public override string Nature => "authentification (sessions)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Which;
}

/// <summary>"Ce n'était pas moi": every session ended, the password disabled, a reset link mailed.</summary>
public sealed record AccountSecured : AuditEvent
{
    public override string Code => "account.secured";

    public override string Nature => "authentification (sécurisation du compte)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>Account recovery after losing every strong factor: <c>demandee</c>, <c>terminee</c> or <c>annulee</c>.</summary>
public sealed record AccountRecoveryStep(string Step, string Route) : AuditEvent
{
    public override string Code => "account.recovery";

    public override string Nature => "authentification (récupération du compte)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => $"{Step} ({Route})";
}

/// <summary>The person downloaded everything Sesame holds about them (Québec Law 25, right of access, A-2.1 s.83 and s.84).</summary>
public sealed record PersonalInformationExported : AuditEvent
{
    public override string Code => "personal-information.exported";

    public override string Nature => "renseignements personnels (copie remise à la personne)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The person asked to close the account; it is deleted after <c>AccountClosure.GracePeriod</c> unless cancelled.</summary>
public sealed record AccountClosureRequested : AuditEvent
{
    public override string Code => "account.closure-requested";

    public override string Nature => "compte (fermeture)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

public sealed record AccountClosureCancelled : AuditEvent
{
    public override string Code => "account.closure-cancelled";

    public override string Nature => "compte (fermeture)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The grace period of a closure ended: the account and its personal information were deleted.</summary>
public sealed record AccountDeleted : AuditEvent
{
    public override string Code => "account.deleted";

    public override string Nature => "compte et renseignements personnels (suppression)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The person turned new-place alerts on or off (Law 25, A-2.1 s.65.0.1: a locating function, off by default).</summary>
public sealed record LocationAlertsChanged(bool Enabled) : AuditEvent
{
    public override string Code => Enabled ? "privacy.location-alerts-enabled" : "privacy.location-alerts-disabled";

    public override string Nature => "localisation approximative (adresse IP)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>
/// The retention sweep removed the oldest records of the trail (issue 7, item 5): the detail names the last record
/// removed (its sequence and hash, which the first remaining record links to) and a proof under the audit key, so
/// that <see cref="AuditVerifier"/> can start the chain there and nobody without the key can claim a removal.
/// </summary>
public sealed record AuditPruned(long ThroughSequence, byte[] ThroughHash, byte[] Proof) : AuditEvent
{
    public const string EventCode = "audit.pruned";

    public override string Code => EventCode;

    public override string Nature => "journal d'audit (conservation)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"through {ThroughSequence} hash {Convert.ToHexString(ThroughHash)} proof {Convert.ToHexString(Proof)}");

    /// <summary>Reads a pruning record's detail; false when it is not in the form <see cref="Detail"/> writes.</summary>
    public static bool TryParse(string? detail, out long throughSequence, out byte[] throughHash, out byte[] proof)
    {
        throughSequence = 0;
        throughHash = proof = [];
        var parts = detail?.Split(' ') ?? [];
        if (parts is not ["through", var sequence, "hash", var hash, "proof", var mac]
            || !long.TryParse(sequence, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out throughSequence))
        {
            return false;
        }

        try
        {
            throughHash = Convert.FromHexString(hash);
            proof = Convert.FromHexString(mac);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>
/// A designated representative invited a person to an organization (seed 004, "Ajouter un utilisateur"); the
/// detail is the services granted, never the person's names or address.
/// </summary>
public sealed record InvitationSent(string Services) : AuditEvent
{
    public override string Code => "invitation.sent";

    public override string Nature => "accès professionnel (invitation)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Services;
}

/// <summary>The invitation was sent again with a new secret code; the old code and link no longer work.</summary>
public sealed record InvitationResent : AuditEvent
{
    public override string Code => "invitation.resent";

    public override string Nature => "accès professionnel (invitation)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

public sealed record InvitationRevoked : AuditEvent
{
    public override string Code => "invitation.revoked";

    public override string Nature => "accès professionnel (invitation)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>The invited person gave the right secret code and became a member; the detail is the services granted.</summary>
public sealed record InvitationAccepted(string Services) : AuditEvent
{
    public override string Code => "invitation.accepted";

    public override string Nature => "accès professionnel (invitation)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => Services;
}

/// <summary>A wrong secret code was typed for an invitation (five void it).</summary>
public sealed record InvitationCodeFailed : AuditEvent
{
    public override string Code => "invitation.code-failed";

    public override string Nature => "accès professionnel (invitation)";

    public override AuditOutcome Outcome => AuditOutcome.Failure;
}

/// <summary>
/// A professional account was created from an invitation (seed 004, "Création du compte"), its holder having
/// accepted the usage policy ("la Régie garde une trace de chacun des accès").
/// </summary>
public sealed record ProfessionalAccountCreated : AuditEvent
{
    public override string Code => "account.professional-created";

    public override string Nature => "compte professionnel (nom d'utilisateur, nom, questions de sécurité)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>A representative removed a user from the organization (seed 004, "Supprimer").</summary>
public sealed record MemberRemoved : AuditEvent
{
    public override string Code => "organization.member-removed";

    public override string Nature => "accès professionnel (membre)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}

/// <summary>A representative withdrew one service from a user; the detail is the service's code.</summary>
public sealed record MemberServiceRemoved(string ServiceCode) : AuditEvent
{
    public override string Code => "organization.service-removed";

    public override string Nature => "accès professionnel (service)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => ServiceCode;
}

/// <summary>Seed 003's access request was submitted; the detail is its reference number and the services asked for.</summary>
public sealed record AccessRequestSubmitted(string Reference, string Services) : AuditEvent
{
    public override string Code => "access-request.submitted";

    public override string Nature => "accès professionnel (demande d'accès)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => $"{Reference} ({Services})";
}

/// <summary>The authorizer of seed 003's section 3 confirmed ("Je confirme") or refused the request.</summary>
public sealed record AccessRequestAuthorized(string Reference, bool Confirmed) : AuditEvent
{
    public override string Code => Confirmed ? "access-request.confirmed" : "access-request.refused";

    public override string Nature => "accès professionnel (autorisation de la demande)";

    public override AuditOutcome Outcome => Confirmed ? AuditOutcome.Success : AuditOutcome.Refused;

    public override string? Detail => Reference;
}

/// <summary>An operator approved the request (section 4); the detail names the services granted, never the person.</summary>
public sealed record AccessRequestApproved(string Reference, string Services, bool NewAccount) : AuditEvent
{
    public override string Code => "access-request.approved";

    public override string Nature => "accès professionnel (privilèges d'accès créés)";

    public override AuditOutcome Outcome => AuditOutcome.Success;

    public override string? Detail => $"{Reference} ({Services}; {(NewAccount ? "nouveau compte" : "compte existant")})";
}

/// <summary>An operator rejected the request; the reason typed may name people, so only the reference is recorded.</summary>
public sealed record AccessRequestRejected(string Reference) : AuditEvent
{
    public override string Code => "access-request.rejected";

    public override string Nature => "accès professionnel (demande d'accès)";

    public override AuditOutcome Outcome => AuditOutcome.Refused;

    public override string? Detail => Reference;
}

/// <summary>The temporary password mailed after an approval was replaced at the first sign-in (seed 003).</summary>
public sealed record TemporaryPasswordChanged : AuditEvent
{
    public override string Code => "account.temporary-password-changed";

    public override string Nature => "authentification (mot de passe temporaire)";

    public override AuditOutcome Outcome => AuditOutcome.Success;
}
