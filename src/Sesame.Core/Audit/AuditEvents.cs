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
