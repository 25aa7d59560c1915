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
