using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Identity;

namespace Sesame.Core.Privacy;

/// <summary>
/// How long what is no longer needed is kept (issue 7, item 5; Québec Law 25: personal information is destroyed
/// once the purpose is served). The windows are no shorter than the rules that read the data: the code limits
/// count an hour, the letter limits thirty days.
/// </summary>
public sealed class RetentionPolicy
{
    public const string Section = "Retention";

    /// <summary>Accounts never confirmed are deleted this long after creation.</summary>
    public TimeSpan UnconfirmedAccounts { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Expired or used e-mail codes (already only keyed hashes).</summary>
    public TimeSpan SpentCodes { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Proofing attempts, kept as long as the longest limit reads them (letters: 30 days).</summary>
    public TimeSpan ProofingAttempts { get; set; } = TimeSpan.FromDays(31);

    /// <summary>An identification left unfinished: what the person typed (encrypted) is deleted.</summary>
    public TimeSpan AbandonedProofing { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Sent mail kept for the development mailbox.</summary>
    public TimeSpan SentMail { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Years the audit trail is kept, counted from each record's date; then the oldest records are removed and a
    /// pruning record keeps the chain verifiable (decision 11). Ten years by default, the span over which a person or
    /// an investigation may still ask who saw or changed their information; at least one.
    /// </summary>
    [Range(1, 100)]
    public int AuditTrailYears { get; set; } = 10;

    /// <summary>
    /// Invitations (seed 004) once accepted, revoked or expired: kept this long so the representative's console
    /// still shows what became of them, then deleted with the names and address they hold.
    /// </summary>
    public TimeSpan EndedInvitations { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>What one sweep removed, by kind.</summary>
public sealed record RetentionReport(int UnconfirmedAccounts, int SpentCodes, int ProofingAttempts, int AbandonedProofing, int ExpiredPostalSecrets, int SentMail, int AuditRecords, int EndedInvitations = 0);

/// <summary>One pass of the retention rules; the server runs it on a schedule.</summary>
public sealed class RetentionSweep(SesameDbContext db, AuditTrail audit, AuditKey auditKey, TimeProvider time, RetentionPolicy policy)
{
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var unconfirmedBefore = now - policy.UnconfirmedAccounts;
        // Citizens only: a professional account has no e-mail to confirm (decision 14), so it never is.
        var unconfirmed = await db.Users
            .Where(u => u.Population == AccountPopulation.Citizen && !u.EmailConfirmed && u.CreatedAt < unconfirmedBefore)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in unconfirmed)
        {
            audit.Record(new AccountPurged { Subject = id });
        }

        await db.SaveChangesAsync(cancellationToken);
        // The database cascades to the account's codes, sessions and other rows.
        var accounts = await db.Users.Where(u => unconfirmed.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);

        var codesBefore = now - policy.SpentCodes;
        var codes = await db.EmailCodes.Where(c => c.ExpiresAt < codesBefore || (c.ClosedAt != null && c.ClosedAt < codesBefore)).ExecuteDeleteAsync(cancellationToken);

        var attemptsBefore = now - policy.ProofingAttempts;
        var attempts = await db.ProofingAttempts.Where(a => a.At < attemptsBefore).ExecuteDeleteAsync(cancellationToken);

        var abandonedBefore = now - policy.AbandonedProofing;
        var abandoned = await db.ProofingCases.Where(c => c.Status == ProofingStatus.Open && c.UpdatedAt < abandonedBefore).ExecuteDeleteAsync(cancellationToken);

        var secrets = await db.ProofingCases.Where(c => c.PostalSecretHash != null && c.PostalSecretExpiresAt < now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PostalSecretHash, (byte[]?)null), cancellationToken);

        var mailBefore = now - policy.SentMail;
        var mail = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < mailBefore).ExecuteDeleteAsync(cancellationToken);

        var invitationsBefore = now - policy.EndedInvitations;
        var invitations = await db.Invitations
            .Where(i => i.AcceptedAt < invitationsBefore || i.RevokedAt < invitationsBefore || i.ExpiresAt < invitationsBefore)
            .ExecuteDeleteAsync(cancellationToken);

        // Last: the account purges above were recorded, and their records are sealed later, so they are never the ones removed.
        var auditRecords = await new AuditPruner(db, audit, auditKey).PruneAsync(now.AddYears(-policy.AuditTrailYears), cancellationToken);

        return new RetentionReport(accounts, codes, attempts, abandoned, secrets, mail, auditRecords, invitations);
    }
}
