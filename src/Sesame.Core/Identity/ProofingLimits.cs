using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;

namespace Sesame.Core.Identity;

/// <summary>Why an attempt may not be made now, and from when it may.</summary>
public sealed record ProofingLock(ProofingLockReason Reason, DateTimeOffset Until);

public enum ProofingLockReason
{
    /// <summary>5 failed proofing attempts on this account in 24 h.</summary>
    AccountAttempts,

    /// <summary>10 attempts with this NAM or NAS in an hour, across all accounts.</summary>
    IdentifierAttempts,

    /// <summary>5 wrong postal secrets in 10 minutes.</summary>
    PostalSecretTries,

    /// <summary>4 letters in 30 days, or the last one less than 24 h ago.</summary>
    Letters,
}

/// <summary>
/// The attempt limits of mission.md §2, counted in the database (so that every node sees the same counts) and
/// checked before anything is sent to a registry. The clock is the shared TimeProvider, which tests fake.
/// </summary>
public sealed class ProofingLimits(SesameDbContext db, TimeProvider time)
{
    public const int AccountFailures = 5;
    public static readonly TimeSpan AccountWindow = TimeSpan.FromHours(24);
    public const int IdentifierAttempts = 10;
    public static readonly TimeSpan IdentifierWindow = TimeSpan.FromHours(1);
    public const int PostalSecretFailures = 5;
    public static readonly TimeSpan PostalSecretWindow = TimeSpan.FromMinutes(10);
    public const int LettersPerWindow = 4;
    public static readonly TimeSpan LetterWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan LetterSpacing = TimeSpan.FromHours(24);

    /// <summary>Before a proof is sent to a registry: the account's failures and the identifiers' attempts.</summary>
    public async Task<ProofingLock?> BeforeRegistryCheckAsync(Guid userId, byte[]? namHash, byte[]? nasHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var accountSince = now - AccountWindow;
        var failures = await db.ProofingAttempts
            .Where(a => a.UserId == userId && a.Kind == AttemptKind.RegistryCheck && a.Failed && a.At > accountSince)
            .Select(a => a.At)
            .ToListAsync(cancellationToken);
        if (failures.Count >= AccountFailures)
        {
            // Free again when enough of the window's failures have aged out.
            return new(ProofingLockReason.AccountAttempts, failures.OrderDescending().ElementAt(AccountFailures - 1) + AccountWindow);
        }

        var identifierSince = now - IdentifierWindow;
        var byIdentifier = await db.ProofingAttempts
            .Where(a => a.Kind == AttemptKind.RegistryCheck && a.At > identifierSince
                && ((namHash != null && a.NamHash == namHash) || (nasHash != null && a.NasHash == nasHash)))
            .Select(a => a.At)
            .ToListAsync(cancellationToken);
        return byIdentifier.Count >= IdentifierAttempts
            ? new(ProofingLockReason.IdentifierAttempts, byIdentifier.OrderDescending().ElementAt(IdentifierAttempts - 1) + IdentifierWindow)
            : null;
    }

    public async Task<ProofingLock?> BeforePostalSecretEntryAsync(Guid userId, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - PostalSecretWindow;
        var failures = await db.ProofingAttempts
            .Where(a => a.UserId == userId && a.Kind == AttemptKind.PostalSecretEntry && a.Failed && a.At > since)
            .Select(a => a.At)
            .ToListAsync(cancellationToken);
        return failures.Count >= PostalSecretFailures
            ? new(ProofingLockReason.PostalSecretTries, failures.OrderDescending().ElementAt(PostalSecretFailures - 1) + PostalSecretWindow)
            : null;
    }

    public async Task<ProofingLock?> BeforeLetterAsync(Guid userId, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - LetterWindow;
        var letters = await db.ProofingAttempts
            .Where(a => a.UserId == userId && a.Kind == AttemptKind.Letter && !a.Failed && a.At > since)
            .Select(a => a.At)
            .ToListAsync(cancellationToken);
        if (letters.Count >= LettersPerWindow)
        {
            return new(ProofingLockReason.Letters, letters.OrderDescending().ElementAt(LettersPerWindow - 1) + LetterWindow);
        }

        return letters.Count > 0 && letters.Max() + LetterSpacing > time.GetUtcNow()
            ? new(ProofingLockReason.Letters, letters.Max() + LetterSpacing)
            : null;
    }

    /// <summary>Records an attempt; saved with the caller's other changes.</summary>
    public void Record(Guid userId, AttemptKind kind, bool failed, byte[]? namHash = null, byte[]? nasHash = null) =>
        db.ProofingAttempts.Add(new ProofingAttempt
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Kind = kind,
            Failed = failed,
            NamHash = namHash,
            NasHash = nasHash,
            At = time.GetUtcNow(),
        });
}
